using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SecopPortal.Infrastructure;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.Account;
using SecopPortal.Web.Features.Admin;
using SecopPortal.Web.Features.Audit;
using SecopPortal.Web.Features.Contracts;
using SecopPortal.Web.Features.ExecutionDocuments;
using SecopPortal.Web.Features.Notifications;
using SecopPortal.Web.Features.OpenData;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Features.PortalInfo;
using SecopPortal.Web.Features.PublicContracts;
using SecopPortal.Web.Features.Review;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web;

/// <summary>The composition root, kept out of Program.cs so it reads as a table of contents.</summary>
public static class PortalServices
{
    public static readonly CultureInfo Colombia = CultureInfo.GetCultureInfo("es-CO");

    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        services.AddSingleton(TimeProvider.System);
        services.AddPortalPersistence(configuration, environment.ContentRootPath);
        services.AddPortalDocuments(configuration, environment.ContentRootPath);

        // Cookies are Secure wherever the portal is served over HTTPS (production, behind a TLS proxy whose
        // X-Forwarded-Proto is honoured); Development and the browser tests serve http://localhost.
        var cookieSecurity = ServesHttpsOnly(environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

        // ...and there a plain-http request is redirected to https (UsePortalPipeline) before anything sets a Secure
        // cookie over it (antiforgery refuses to, a 500). The public port is 443 unless "https_port" says otherwise.
        services.AddHttpsRedirection(options =>
        {
            options.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            options.HttpsPort = configuration.GetValue<int?>("https_port") ?? 443;
        });
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // Only a proxy on a private or loopback network may say the request came over HTTPS.
            var trusted = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() is { Length: > 0 } configured
                ? configured
                : ["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "::1/128"];
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in trusted)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        services.AddIdentity<ApplicationUser, IdentityRole<Guid>>(options =>
            {
                options.Password.RequiredLength = 12;
                // No automatic lockout (anyone knowing an e-mail could lock its user out): failed sign-ins are
                // throttled per account and client address instead (SignInThrottle, ADR 0019). A lock set otherwise
                // (LockoutEnd) is still honoured and the administrator's "Desbloquear" clears it.
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<SpanishIdentityErrorDescriber>()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "SecopPortal.Sesion";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = cookieSecurity;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            options.SlidingExpiration = true;
            options.LoginPath = "/cuenta/iniciar-sesion";
            options.LogoutPath = "/cuenta/cerrar-sesion";
            options.AccessDeniedPath = "/cuenta/acceso-denegado";
            options.ReturnUrlParameter = "returnUrl";
        });

        // Sessions live in the database (ADR 0009): the cookie holds a key, each request reads its ticket by primary key,
        // and signing out, a password change, a deactivation or a role change deletes the rows, so the old cookie is
        // refused at once on every instance. The security stamp is still re-checked now and then as a second line.
        services.AddSingleton<ITicketStore, DatabaseTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<ITicketStore>((options, store) => options.SessionStore = store);
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(10));
        services.AddHostedService<SessionSweepService>();

        // Keys that sign the session and antiforgery cookies survive restarts and are shared by every instance.
        var keysFolder = configuration["DataProtection:KeysFolder"] is { Length: > 0 } configured ? configured : "data/keys";
        services.AddDataProtection()
            .SetApplicationName("SecopPortal")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.IsPathRooted(keysFolder) ? keysFolder : Path.Combine(environment.ContentRootPath, keysFolder)));

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "SecopPortal.Antiforgery";
            options.Cookie.SecurePolicy = cookieSecurity;
            options.FormFieldName = "__RequestVerificationToken";
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Administrator, policy => policy.RequireRole(PortalRoles.Administrator))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddScoped<IAuthorizationHandler, ContractAuthorizationHandler>();
        services.AddScoped<IAuthorizationHandler, PaymentRequestAuthorizationHandler>();

        services.AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());

                // Dates as dd/mm/aaaa (or ISO) whatever the request's or the browser's language, and filters' enums from
                // their Spanish query values (or the old English names): issue 11.
                options.ModelBinderProviders.Insert(0, new PortalDateModelBinderProvider());
                options.ModelBinderProviders.Insert(0, new QueryValueModelBinderProvider());

                // Input rules are FluentValidation's (run by MVC, see AddFormValidation), in Spanish; no implicit English
                // "field is required".
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                options.ModelBindingMessageProvider.SetValueMustNotBeNullAccessor(_ => "Este dato es obligatorio.");
                options.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((value, field) => $"El valor «{value}» no es válido.");
                options.ModelBindingMessageProvider.SetValueIsInvalidAccessor(value => $"El valor «{value}» no es válido.");
                options.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(_ => "Escriba un número.");
                options.ModelBindingMessageProvider.SetMissingBindRequiredValueAccessor(_ => "Este dato es obligatorio.");
                options.ModelBindingMessageProvider.SetMissingKeyOrValueAccessor(() => "Este dato es obligatorio.");
                options.ModelBindingMessageProvider.SetUnknownValueIsInvalidAccessor(_ => "El valor no es válido.");
                options.ModelBindingMessageProvider.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"El valor «{value}» no es válido.");
                options.ModelBindingMessageProvider.SetNonPropertyUnknownValueIsInvalidAccessor(() => "El valor no es válido.");
                options.ModelBindingMessageProvider.SetNonPropertyValueMustBeANumberAccessor(() => "Escriba un número.");
                options.ModelBindingMessageProvider.SetMissingRequestBodyRequiredValueAccessor(() => "Falta el contenido del formulario.");
            })
            .AddViewOptions(options => options.HtmlHelperOptions.ClientValidationEnabled = false);
        services.AddFormValidation();

        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Colombia);
            options.SupportedCultures = [Colombia];
            options.SupportedUICultures = [Colombia];
            options.RequestCultureProviders.Clear();
        });

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<ContractListQuery>();
        services.AddScoped<ContractDetailQuery>();
        services.AddScoped<MenuBadges>();

        // The business-day calendar with the administrators' holiday changes (docs/product.md §4.1), one per application.
        services.AddSingleton<PortalCalendar>();
        services.AddHostedService<PortalCalendarRefreshService>();
        services.AddScoped<Changes>();
        services.AddPaymentRequestFiling();
        services.AddAdministration();
        services.AddAuditLog();
        // Notifications (bell, e-mail outbox) and execution documents (section 7) ↓
        services.AddPortalNotifications(configuration, environment.ContentRootPath);
        services.AddExecutionDocuments();
        // ↑ notifications and execution documents
        services.AddPaymentReview();
        services.AddPublicRecord(configuration);
        services.AddSignInThrottle(configuration);
        services.AddOpenData(configuration);
        services.AddPortalInfo(configuration);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        return services;
    }

    /// <summary>Outside Development and the tests' "Testing": cookies are Secure and plain http is redirected to https.</summary>
    public static bool ServesHttpsOnly(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !environment.IsDevelopment() && !environment.IsEnvironment("Testing");
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue<bool>("ForwardedHeaders:Enabled"))
        {
            app.UseForwardedHeaders();
        }

        app.UsePortalRequestLogging();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler("/error");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        if (ServesHttpsOnly(app.Environment))
        {
            // Not /health: the container's health check asks over plain http on the loopback.
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase), https => https.UseHttpsRedirection());
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapControllers();
        return app;
    }
}

public static class Policies
{
    public const string Administrator = "Administrador";
}
