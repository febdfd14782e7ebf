using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.BrowserTests.Infrastructure;

/// <summary>
/// A supervisor of the test's own, with a contract and one payment request driven through the domain's state machine
/// (every required document attached), so the review tests change nothing the demo data's tests count on.
/// </summary>
public sealed record ReviewCase(DemoAccount Supervisor, string ContractNumber, int RequestId);

public static class ReviewCases
{
    private const string Password = "Supervisor.Prueba2026!";

    /// <summary>A new case whose request is "Enviado a la Entidad Estatal" or, with <paramref name="approved"/>, "Aprobado".</summary>
    public static async Task<ReviewCase> NewAsync(PortalBrowserFixture fixture, bool approved = false)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        await using var scope = fixture.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var store = services.GetRequiredService<IDocumentStore>();
        var now = DateTime.UtcNow;
        var today = BogotaTime.Today(TimeProvider.System);

        var supervisor = await NewUserAsync(services, PortalRoles.Supervisor, "Supervisora de prueba");
        var contractor = await NewUserAsync(services, PortalRoles.Contractor, "Contratista de prueba");
        var starts = new DateOnly(today.Year, 1, 1);
        var details = new ContractDetails(
            $"CO1.PCCNTR.B{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}", "Prestación de servicios profesionales de apoyo a la supervisión.",
            ContractType.ProfessionalServices, ContractModality.DirectContracting, 24_000_000m, 2_000_000m,
            starts.AddDays(-5), starts, starts.AddMonths(12).AddDays(-1), "CDP-2026-0311", "RP-2026-0457", false);
        var contract = new Contract(await db.PublicEntities.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(), details, contractor.Id, PersonType.NaturalPerson, supervisor.Id, now);
        contract.StartExecution();
        db.Contracts.Add(contract);
        await db.SaveChangesAsync();

        var draft = PaymentRequest.SuggestDraft(contract, 1, [], today);
        draft = draft with { PilaNumber = "84501201", PilaPaidOn = draft.PeriodFrom!.Value.AddDays(9) };
        var request = PaymentRequest.Create(contract, 1, contractor.Id, draft, now.AddHours(-3));
        foreach (var type in PaymentRequestRules.RequiredDocuments(PersonType.NaturalPerson, isFirstPayment: true))
        {
            var bytes = TestDocuments.PdfBytes(type.ToLabel());
            await using var content = new MemoryStream(bytes, writable: false);
            var stored = await store.SaveAsync(content, bytes.Length, CancellationToken.None);
            request.AddAttachment(
                new Attachment(type, $"{type.ToLabel().Replace(' ', '_')}.pdf", "application/pdf", stored.SizeBytes, stored.Sha256, stored.StorageKey, null, now.AddHours(-3), contractor.Id),
                long.MaxValue, contractor.Id, now.AddHours(-3));
        }

        var context = new PaymentRequestContext(contract, [], CufeUsedElsewhere: false, today);
        request.Confirm(context, contractor.Id, now.AddHours(-2));
        request.Send(context, contractor.Id, now.AddHours(-2));
        if (approved)
        {
            request.Approve(supervisor.Id, draft.ReceivedOn!.Value, details.RpNumber!, today, now.AddHours(-1));
        }

        db.PaymentRequests.Add(request);
        await db.SaveChangesAsync();
        return new ReviewCase(new DemoAccount(supervisor.Email!, Password, supervisor.FullName), contract.Number, request.Id);
    }

    private static Task<ApplicationUser> NewUserAsync(IServiceProvider services, string role, string fullName) =>
        TestUsers.CreateAsync(services, role, fullName, role == PortalRoles.Contractor ? PersonType.NaturalPerson : null, Password);
}
