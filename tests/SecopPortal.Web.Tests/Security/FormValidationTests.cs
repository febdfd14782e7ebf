using System.Net;
using FluentValidation;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Web.Features.Account;
using SecopPortal.Web.Features.Admin;
using SecopPortal.Web.Features.ExecutionDocuments;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Admin;
using SecopPortal.Web.Tests.Infrastructure;
using ReviewFeature = SecopPortal.Web.Features.Review;

namespace SecopPortal.Web.Tests.Security;

/// <summary>
/// FluentValidation runs inside MVC (docs/adr/0017): the validators come from DI and the posted inputs are validated
/// before the action reads ModelState, so no action builds or calls a validator itself.
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class FormValidationTests(SqlitePortalFixture fixture)
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task Every_validator_of_the_web_project_is_resolved_from_DI_for_its_input()
    {
        var validators = typeof(FormValidation).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && InputOf(t) is not null)
            .ToList();
        await using var scope = Factory.Services.CreateAsyncScope();

        foreach (var validator in validators)
        {
            var resolved = scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(InputOf(validator)!));
            Assert.True(resolved?.GetType() == validator, $"IValidator<{InputOf(validator)!.Name}> resolves to {resolved?.GetType().Name ?? "nothing"}, not {validator.Name}.");
        }

        // Every form input of the portal is among them.
        Assert.Superset(
            new HashSet<Type>([
                typeof(LoginInput), typeof(ChangePasswordInput), typeof(EntityInput), typeof(ContractInput), typeof(UserCreateInput), typeof(UserEditInput),
                typeof(ExecutionDocumentForm), typeof(AttachmentInput), typeof(ReviewFeature.Approve.Input), typeof(ReviewFeature.Reject.Input),
                typeof(ReviewFeature.MarkPaid.Input),
            ]),
            validators.Select(v => InputOf(v)!).ToHashSet());
    }

    [Fact]
    public async Task A_post_is_validated_by_the_validator_registered_in_DI_before_the_action_runs()
    {
        const string message = "Mensaje del validador registrado en el contenedor.";
        using var portal = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddScoped<IValidator<LoginInput>>(_ =>
            {
                var validator = new InlineValidator<LoginInput>();
                validator.RuleFor(x => x.Email).Must(_ => false).WithMessage(message);
                return validator;
            })));
        var client = PortalHttp.ClientOf(portal);

        // A demo account that would otherwise sign in: only the replaced validator can refuse it.
        using var response = await PortalHttp.PostFormAsync(client, PortalHttp.LoginPath, new Dictionary<string, string>
        {
            ["Email"] = DemoAccounts.Contractor2.Email,
            ["Password"] = DemoAccounts.Contractor2.Password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Email", message);
    }

    [Fact]
    public async Task An_empty_login_form_shows_each_spanish_message_next_to_its_field()
    {
        var client = PortalHttp.ClientOf(Factory);

        using var response = await PortalHttp.PostFormAsync(client, PortalHttp.LoginPath, new Dictionary<string, string>
        {
            ["Email"] = string.Empty,
            ["Password"] = string.Empty,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Email", "Escriba su correo electrónico.");
        AdminPages.AssertFieldError(page, "Password", "Escriba su contraseña.");
    }

    private static Type? InputOf(Type validator)
    {
        for (var type = validator.BaseType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        return null;
    }
}
