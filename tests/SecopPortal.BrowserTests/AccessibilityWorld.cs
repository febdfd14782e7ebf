using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.Notifications;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.BrowserTests;

/// <summary>
/// The data of the accessibility sweep that the demo data lacks, made through the app's own DbContext and domain so no
/// demo account's lists change: a contractor of its own (persona natural) with a draft holding attachments, a request
/// sent for review, an execution document, notifications and a contract with nothing filed yet; its supervisor (a
/// review inbox with one row) and a supervisor with an empty inbox.
/// </summary>
internal sealed record AccessibilityWorld(
    DemoAccount Contractor,
    DemoAccount Supervisor,
    DemoAccount IdleSupervisor,
    int SentContractId,
    int SentRequestId,
    int DraftContractId,
    int DraftRequestId,
    int EmptyContractId,
    int ExecutionDocumentId,
    int HolidayChangeId)
{
    private const string Password = "Accesibilidad.Prueba2026!";

    public static async Task<AccessibilityWorld> CreateAsync(PortalBrowserFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        await using var scope = fixture.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var store = services.GetRequiredService<IDocumentStore>();
        var now = DateTime.UtcNow;
        var today = BogotaTime.Today(TimeProvider.System);

        var supervisor = await NewUserAsync(services, PortalRoles.Supervisor, "Supervisora de accesibilidad", null);
        var idle = await NewUserAsync(services, PortalRoles.Supervisor, "Supervisor sin pendientes", null);
        var contractor = await NewUserAsync(services, PortalRoles.Contractor, "Contratista de accesibilidad", PersonType.NaturalPerson);
        var entityId = await db.PublicEntities.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        var starts = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);

        Contract NewContract(string purpose)
        {
            var details = new ContractDetails(
                $"CO1.PCCNTR.A{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}", purpose,
                ContractType.ProfessionalServices, ContractModality.DirectContracting, 24_000_000m, 2_000_000m,
                starts.AddDays(-5), starts, starts.AddMonths(12).AddDays(-1), "CDP-2026-0911", "RP-2026-0912", false);
            var contract = new Contract(entityId, details, contractor.Id, PersonType.NaturalPerson, supervisor.Id, now);
            contract.StartExecution();
            return contract;
        }

        var sentContract = NewContract("Prestación de servicios profesionales de apoyo a la revisión de accesibilidad del portal.");
        var draftContract = NewContract("Prestación de servicios de apoyo a la gestión documental de la Secretaría General.");
        var emptyContract = NewContract("Prestación de servicios de apoyo a la atención a la ciudadanía.");
        db.Contracts.AddRange(sentContract, draftContract, emptyContract);
        await db.SaveChangesAsync();

        async Task<PaymentRequest> NewRequestAsync(Contract contract, bool send)
        {
            var draft = PaymentRequest.SuggestDraft(contract, 1, [], today);
            draft = draft with { PilaNumber = "84501201", PilaPaidOn = draft.PeriodFrom!.Value.AddDays(9) };
            var request = PaymentRequest.Create(contract, 1, contractor.Id, draft, now.AddHours(-3));
            foreach (var type in PaymentRequestRules.RequiredDocuments(PersonType.NaturalPerson, isFirstPayment: true))
            {
                var bytes = TestDocuments.PdfBytes(type.ToLabel());
                await using var content = new MemoryStream(bytes, writable: false);
                var stored = await store.SaveAsync(content, bytes.Length, CancellationToken.None);
                request.AddAttachment(
                    new Attachment(type, $"{type.ToLabel().Replace(' ', '_')}_certificado_de_la_entidad_bancaria.pdf", "application/pdf", stored.SizeBytes, stored.Sha256, stored.StorageKey, null, now.AddHours(-3), contractor.Id),
                    long.MaxValue, contractor.Id, now.AddHours(-3));
            }

            if (send)
            {
                var context = new PaymentRequestContext(contract, [], CufeUsedElsewhere: false, today);
                request.Confirm(context, contractor.Id, now.AddHours(-2));
                request.Send(context, contractor.Id, now.AddHours(-2));
            }

            db.PaymentRequests.Add(request);
            await db.SaveChangesAsync();
            store.Settle(request.Attachments.Select(a => a.StorageKey));
            return request;
        }

        var sent = await NewRequestAsync(sentContract, send: true);
        var draftRequest = await NewRequestAsync(draftContract, send: false);

        var documentBytes = TestDocuments.PdfBytes("Informe de actividades");
        await using (var content = new MemoryStream(documentBytes, writable: false))
        {
            var stored = await store.SaveAsync(content, documentBytes.Length, CancellationToken.None);
            var document = new ExecutionDocument(
                sentContract.Id, "Informe de actividades del primer mes", "informe_de_actividades_del_primer_mes_de_ejecucion.pdf", "application/pdf",
                stored.SizeBytes, stored.Sha256, stored.StorageKey, contractor.Id, UploaderSide.Provider, now.AddHours(-1));
            db.ExecutionDocuments.Add(document);
            await db.SaveChangesAsync();
            store.Settle([stored.StorageKey]);
            var sentPath = $"/contratos/{sentContract.Id}/pagos/{sent.Id}";
            db.Notifications.AddRange(
                new Notification(contractor.Id, NotificationKind.PaymentRequestRejected, "Cuenta de cobro rechazada", "La supervisora pidió corregir el número de planilla.", sentPath, now.AddHours(-5)),
                new Notification(contractor.Id, NotificationKind.PaymentRequestApproved, "Cuenta de cobro aprobada", "La supervisora aprobó el pago 001.", sentPath, now.AddHours(-1)));
            await db.SaveChangesAsync();

            // A holiday added in a year no test reaches, so "Deshacer" has a change to show.
            var calendar = services.GetRequiredService<PortalCalendar>();
            var admin = await services.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(DemoAccounts.AdminEmail);
            var change = HolidayChange.Add(calendar.Current, new DateOnly(9000, 3, 2), "Día de la prueba de accesibilidad", "Acuerdo de prueba 01 de 9000", admin!.Id, now);
            db.HolidayChanges.Add(change);
            await db.SaveChangesAsync();
            await calendar.RefreshAsync(db, CancellationToken.None);
            return new AccessibilityWorld(
                Account(contractor), Account(supervisor), Account(idle),
                sentContract.Id, sent.Id, draftContract.Id, draftRequest.Id, emptyContract.Id, document.Id, change.Id);
        }
    }

    private static DemoAccount Account(ApplicationUser user) => new(user.Email!, Password, user.FullName);

    private static Task<ApplicationUser> NewUserAsync(IServiceProvider services, string role, string fullName, PersonType? personType) =>
        TestUsers.CreateAsync(services, role, fullName, personType, Password, emailPrefix: "a11y.");
}
