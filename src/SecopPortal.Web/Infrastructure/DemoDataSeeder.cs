using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.Entities;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// Fills an empty Development database with the demo accounts of the README, two entities and contracts
/// dated around today, so every screen has something true to show. Payment history goes through the
/// domain's own state machine, exactly as a user would drive it.
/// </summary>
public sealed partial class DemoDataSeeder(
    PortalDbContext db,
    UserManager<ApplicationUser> users,
    TimeProvider clock,
    IDocumentStore documents,
    PortalCalendar calendar,
    ILogger<DemoDataSeeder> logger)
{
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = BogotaTime.Today(clock);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);

        await CreateUserAsync(DemoAccounts.Admin, [PortalRoles.Administrator], null, null, null, now);
        var supervisor = await CreateUserAsync(DemoAccounts.Supervisor, [PortalRoles.Supervisor], null, DocumentType.CedulaDeCiudadania, "52345678", now);
        var contractor = await CreateUserAsync(DemoAccounts.Contractor, [PortalRoles.Contractor], PersonType.NaturalPerson, DocumentType.CedulaDeCiudadania, "1020345678", now);
        var contractor2 = await CreateUserAsync(DemoAccounts.Contractor2, [PortalRoles.Contractor], PersonType.NaturalPerson, DocumentType.CedulaDeCiudadania, "1032456789", now);
        var provider = await CreateUserAsync(DemoAccounts.Provider, [PortalRoles.Contractor], PersonType.LegalPerson, DocumentType.Nit, "901234567", now);

        var mayor = new PublicEntity("Alcaldía Municipal de Villa del Río", WithCheckDigit("891480085"));
        var institute = new PublicEntity("Instituto Departamental de Cultura y Turismo", WithCheckDigit("900712345"));
        db.PublicEntities.AddRange(mayor, institute);
        await db.SaveChangesAsync(cancellationToken);

        // Contratista: one contract just started, one with two earlier payments, one finished.
        var fresh = NewContract(mayor, "CO1.PCCNTR.7120451", "Prestación de servicios profesionales como abogado para apoyar la gestión contractual de la Secretaría Jurídica.",
            ContractType.ProfessionalServices, 4_500_000m, 6, thisMonth.AddMonths(-1), contractor, supervisor, requiresInvoice: false, now);
        var running = NewContract(mayor, "CO1.PCCNTR.7034218", "Prestación de servicios de apoyo a la gestión en la Secretaría de Planeación para la actualización del banco de proyectos.",
            ContractType.ProfessionalServices, 4_254_000m, 6, thisMonth.AddMonths(-3), contractor, supervisor, requiresInvoice: false, now);
        var finished = NewContract(institute, "CO1.PCCNTR.6518877", "Prestación de servicios profesionales para la formulación del plan de lectura departamental.",
            ContractType.ProfessionalServices, 3_900_000m, 5, thisMonth.AddMonths(-14), contractor, supervisor, requiresInvoice: false, now);
        var second = NewContract(institute, "CO1.PCCNTR.7098832", "Prestación de servicios de apoyo logístico para la agenda cultural del departamento.",
            ContractType.ProfessionalServices, 3_200_000m, 5, thisMonth.AddMonths(-1), contractor2, supervisor, requiresInvoice: false, now);
        var supply = NewContract(mayor, "CO1.PCCNTR.7150093", "Suministro de equipos de cómputo y licencias para las sedes educativas rurales del municipio.",
            ContractType.Supply, 186_450_000m, null, thisMonth.AddMonths(-2), provider, supervisor, requiresInvoice: true, now, endsAfterMonths: 6);
        db.Contracts.AddRange(fresh, running, finished, second, supply);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var contract in new[] { fresh, running, second, supply })
        {
            contract.StartExecution();
        }

        finished.StartExecution();
        finished.Terminate();
        await db.SaveChangesAsync(cancellationToken);

        await SeedEarlierPaymentsAsync(running, contractor.Id, supervisor.Id, today, cancellationToken);
        LogSeeded(logger);
    }

    private async Task SeedEarlierPaymentsAsync(Contract contract, Guid contractorId, Guid supervisorId, DateOnly today, CancellationToken cancellationToken)
    {
        var siblings = new List<SiblingRequest>();
        for (var sequence = 1; sequence <= 2; sequence++)
        {
            var draft = PaymentRequest.SuggestDraft(contract, sequence, siblings, today, calendar.Current);
            var periodFrom = draft.PeriodFrom!.Value;
            var at = ToUtc(draft.IssuedOn!.Value, 9);
            draft = draft with { PilaNumber = (8_450_120 + sequence).ToString(CultureInfo.InvariantCulture), PilaPaidOn = periodFrom.AddDays(9) };
            var request = PaymentRequest.Create(contract, sequence, contractorId, draft, at);
            var monthName = CultureInfo.GetCultureInfo("es-CO").DateTimeFormat.GetMonthName(periodFrom.Month).ToUpperInvariant();
            foreach (var type in PaymentRequestRules.RequiredDocuments(contract.ContractorPersonType, isFirstPayment: sequence == 1))
            {
                var attachment = await StoreDemoPdfAsync(type, $"{type.ToLabel()} {monthName} {periodFrom.Year}", contractorId, at, cancellationToken);
                request.AddAttachment(attachment, long.MaxValue, contractorId, at);
            }

            var context = new PaymentRequestContext(contract, siblings, CufeUsedElsewhere: false, today, calendar.Current);
            request.Confirm(context, contractorId, at);
            request.Send(context, contractorId, at.AddMinutes(5));
            var reviewedOn = draft.IssuedOn!.Value.AddDays(3);
            request.Approve(supervisorId, draft.ReceivedOn!.Value, contract.RpNumber ?? "RP-2026-0001", today, ToUtc(reviewedOn, 15));
            if (sequence == 1)
            {
                request.MarkPaid(supervisorId, reviewedOn.AddDays(7), null, today, ToUtc(reviewedOn.AddDays(7), 11));
            }

            db.PaymentRequests.Add(request);
            await db.SaveChangesAsync(cancellationToken);
            documents.Settle(request.Attachments.Select(a => a.StorageKey));
            siblings.Add(new SiblingRequest(request.Id, request.Sequence, request.Status, request.PeriodFrom, request.PeriodTo, request.TotalValue, request.InvoiceNumber));
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Demo data seeded: 5 users, 2 entities, 5 contracts, 2 earlier payments.")]
    private static partial void LogSeeded(ILogger logger);

    private static DateTime ToUtc(DateOnly bogotaDate, int hour) =>
        DateTime.SpecifyKind(bogotaDate.ToDateTime(new TimeOnly(hour, 0)).AddHours(5), DateTimeKind.Utc);

    private static Contract NewContract(
        PublicEntity entity, string number, string purpose, ContractType type, decimal monthly, int? months, DateOnly startsOn,
        ApplicationUser contractor, ApplicationUser supervisor, bool requiresInvoice, DateTime now, int? endsAfterMonths = null)
    {
        var term = months ?? endsAfterMonths ?? 6;
        var total = months is null ? monthly : monthly * term;
        var details = new ContractDetails(
            number, purpose, type,
            type == ContractType.Supply ? ContractModality.AbbreviatedSelection : ContractModality.DirectContracting,
            total, months is null ? null : monthly,
            startsOn.AddDays(-3), startsOn, startsOn.AddMonths(term).AddDays(-1),
            $"CDP-{startsOn.Year}-{number[^4..]}", $"RP-{startsOn.Year}-{number[^4..]}", requiresInvoice);
        return new Contract(entity.Id, details, contractor.Id, contractor.PersonType!.Value, supervisor.Id, now);
    }

    private async Task<ApplicationUser> CreateUserAsync(
        DemoAccount account, string[] roles, PersonType? personType, DocumentType? documentType, string? documentNumber, DateTime now)
    {
        var user = new ApplicationUser
        {
            UserName = account.Email,
            Email = account.Email,
            EmailConfirmed = true,
            FullName = account.FullName,
            PersonType = personType,
            DocumentType = documentType,
            DocumentNumber = documentNumber,
            CreatedAtUtc = now,
        };
        var result = await users.CreateAsync(user, account.Password);
        if (result.Succeeded)
        {
            result = await users.AddToRolesAsync(user, roles);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not seed {account.Email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }

        return user;
    }

    private static string WithCheckDigit(string baseDigits) =>
        $"{baseDigits}-{NitNumber.CheckDigit(baseDigits).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Stores a one-page PDF that says it is demo data, through the same store as a real upload.</summary>
    private async Task<Attachment> StoreDemoPdfAsync(AttachmentType type, string title, Guid uploadedBy, DateTime at, CancellationToken cancellationToken)
    {
        var bytes = MinimalPdf.Create(title, MinimalPdf.DemoFooter);
        await using var content = new MemoryStream(bytes, writable: false);
        var stored = await documents.SaveAsync(content, bytes.Length, cancellationToken);
        var fileName = $"{type.ToLabel().Replace(' ', '_')}.pdf";
        return new Attachment(type, fileName, "application/pdf", stored.SizeBytes, stored.Sha256, stored.StorageKey, "Documento de demostración", at, uploadedBy);
    }
}

/// <summary>An account <see cref="DemoDataSeeder"/> creates: what its user types to sign in, and the name the portal shows.</summary>
public sealed record DemoAccount(string Email, string Password, string FullName);

/// <summary>
/// The demo accounts of the README, defined once: <see cref="DemoDataSeeder"/> creates them from here, and the tests
/// sign in with them. The e-mails are constants too, for places that need one (attribute arguments).
/// </summary>
public static class DemoAccounts
{
    public const string AdminEmail = "admin@secop.test";
    public const string SupervisorEmail = "supervisor@secop.test";
    public const string ContractorEmail = "contratista@secop.test";
    public const string Contractor2Email = "contratista2@secop.test";
    public const string ProviderEmail = "proveedor@secop.test";

    public static DemoAccount Admin { get; } = new(AdminEmail, "Admin.Secop2026!", "Andrea Salazar Gómez");

    /// <summary>Supervisor of every demo contract.</summary>
    public static DemoAccount Supervisor { get; } = new(SupervisorEmail, "Supervisor.Secop2026!", "Laura Méndez Ríos");

    /// <summary>Persona natural with three contracts (one just started, one with two earlier payments, one finished).</summary>
    public static DemoAccount Contractor { get; } = new(ContractorEmail, "Contratista.Secop2026!", "Juan Carlos Pérez Rojas");

    /// <summary>Persona natural with one contract.</summary>
    public static DemoAccount Contractor2 { get; } = new(Contractor2Email, "Contratista2.Secop2026!", "María Fernanda Torres León");

    /// <summary>Persona jurídica with a supply contract that requires electronic invoicing.</summary>
    public static DemoAccount Provider { get; } = new(ProviderEmail, "Proveedor.Secop2026!", "Soluciones Andinas de Ingeniería S.A.S.");

    public static IReadOnlyList<DemoAccount> All { get; } = [Admin, Supervisor, Contractor, Contractor2, Provider];

    /// <summary>The demo account with this e-mail (one of the constants above).</summary>
    public static DemoAccount WithEmail(string email) =>
        All.SingleOrDefault(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"{email} is not a demo account.", nameof(email));
}
