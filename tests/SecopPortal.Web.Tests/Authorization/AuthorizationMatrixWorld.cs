using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.Notifications;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Authorization;

/// <summary>Who sends a request of the matrix: the five demo accounts, a supervisor of no contract, and nobody signed in.</summary>
public enum Who
{
    Anonymous,
    Admin,
    Supervisor,
    Contratista,
    Contratista2,
    Proveedor,

    /// <summary>A supervisor created by the test, who supervises no contract at all.</summary>
    OtroSupervisor,

    /// <summary>The "owner" of an id that does not exist.</summary>
    Nobody,
}

internal sealed record ContractRef(int Id, string Number, Who Contractor, Who Supervisor)
{
    public bool Exists => Id != MatrixWorld.MissingId;
}

/// <param name="Secret">A string only this request's pages show (its invoice number, or its contract's number for demo data).</param>
/// <param name="AttachmentMarker">What every attachment of this request carries in its file name and PDF text.</param>
/// <param name="Filer">The contractor who filed it: the contract's contractor, unless the contract was handed over since.</param>
internal sealed record RequestRef(int Id, ContractRef Contract, bool EverSent, string Secret, Guid Stamp, DateOnly? ReceivedOn, string AttachmentMarker, Who Filer)
{
    public bool Exists => Id != MatrixWorld.MissingId;
}

/// <param name="ContentText">A string inside the stored PDF, so a download that leaks is caught by its bytes.</param>
internal sealed record AttachmentRef(int Id, RequestRef Request, string FileName, string ContentText)
{
    public bool Exists => Id != MatrixWorld.MissingId;
}

internal sealed record DocumentRef(int Id, ContractRef Contract, string ContentText)
{
    public bool Exists => Id != MatrixWorld.MissingId;
}

internal sealed record NotificationRef(int Id, Who Recipient, string Title)
{
    public bool Exists => Id != MatrixWorld.MissingId;
}

/// <summary>
/// The objects the matrix points at, owned by different people: the demo data (a paid request of contratista, the
/// supply contract of proveedor) plus objects built here through the domain and the document store:
/// <list type="bullet">
/// <item>contract A of contratista (supervisor: supervisor) with a sent request, an approved one and a draft that was
/// never sent, each with its required PDFs stored through <see cref="IDocumentStore"/>, and an execution document;</item>
/// <item>contract B, another of contratista's, with an execution document of its own (for mismatched parents);</item>
/// <item>contract 2 of contratista2 with a sent request;</item>
/// <item>contract D, handed over ("cedido") from contratista to contratista2 after contratista filed a sent request
/// and a draft on it: the requests stay contratista's;</item>
/// <item>one notification for every signed-in user; a throwaway user for the admin's account routes.</item>
/// </list>
/// Every distinctive string (contract numbers, invoice numbers, file names, PDF text, titles) carries a tag of this
/// run, so "the body does not contain it" means the object's data did not leak.
/// </summary>
internal sealed class MatrixWorld
{
    /// <summary>The id used for "does not exist", on every route.</summary>
    public const int MissingId = 987_654;

    /// <summary>Demo data of <see cref="DemoDataSeeder"/>: contratista's contract with two earlier payments (the first paid).</summary>
    public const string DemoRunningContractNumber = "CO1.PCCNTR.7034218";

    /// <summary>Demo data of <see cref="DemoDataSeeder"/>: proveedor's supply contract.</summary>
    public const string DemoSupplyContractNumber = "CO1.PCCNTR.7150093";

    public static readonly Guid MissingUserId = new("0d15ea5e-0000-4000-8000-000000000001");

    public required string Tag { get; init; }

    public required IReadOnlyDictionary<Who, Account> Accounts { get; init; }

    public required DateOnly Today { get; init; }

    public required ContractRef ContractA { get; init; }

    public required ContractRef ContractB { get; init; }

    public required ContractRef Contract2 { get; init; }

    /// <summary>Handed over from contratista to contratista2 (its requests were filed by contratista).</summary>
    public required ContractRef ContractD { get; init; }

    public required ContractRef DemoRunning { get; init; }

    public required ContractRef DemoSupply { get; init; }

    public required ContractRef MissingContract { get; init; }

    public required RequestRef Draft { get; init; }

    public required RequestRef Sent { get; init; }

    public required RequestRef Approved { get; init; }

    public required RequestRef Sent2 { get; init; }

    /// <summary>Contratista's sent request on contract D, filed before the contract was handed over.</summary>
    public required RequestRef SentD { get; init; }

    /// <summary>Contratista's draft (never sent) on contract D, left behind when the contract was handed over.</summary>
    public required RequestRef DraftD { get; init; }

    public required RequestRef DemoPaid { get; init; }

    public required RequestRef MissingRequest { get; init; }

    public required AttachmentRef DraftAttachment { get; init; }

    public required AttachmentRef SentAttachment { get; init; }

    public required AttachmentRef Sent2Attachment { get; init; }

    public required AttachmentRef DraftDAttachment { get; init; }

    public required AttachmentRef DemoPaidAttachment { get; init; }

    public required AttachmentRef MissingAttachment { get; init; }

    public required DocumentRef DocumentA { get; init; }

    public required DocumentRef DocumentB { get; init; }

    public required DocumentRef MissingDocument { get; init; }

    public required IReadOnlyDictionary<Who, NotificationRef> Notifications { get; init; }

    public required NotificationRef MissingNotification { get; init; }

    public required int EntityId { get; init; }

    /// <summary>ASCII, unlike the entity's name (Razor encodes "í" as "&amp;#xED;").</summary>
    public required string EntityNit { get; init; }

    /// <summary>An entity only the admin routes that change an entity's settings are probed on, so no other test sees the change.</summary>
    public required int ThrowawayEntityId { get; init; }

    public required Guid ThrowawayUserId { get; init; }

    public required string ThrowawayUserEmail { get; init; }

    /// <summary>An administrator's holiday added on a business day far ahead (2190), so no other test's dates change.</summary>
    public required int HolidayChangeId { get; init; }

    public required DateOnly HolidayChangeDate { get; init; }

    /// <summary>ASCII and distinctive: what its page shows and no one else may see.</summary>
    public required string HolidayChangeName { get; init; }

    /// <summary>Every request the matrix posts to, to check afterwards that none of them changed.</summary>
    public IEnumerable<RequestRef> SeededRequests => [Draft, Sent, Approved, Sent2, SentD, DraftD, DemoPaid];

    public IEnumerable<ContractRef> SeededContracts => [ContractA, ContractB, Contract2, ContractD, DemoRunning, DemoSupply];

    private static readonly ConditionalWeakTable<PortalFactory, Task<MatrixWorld>> Worlds = new();

    /// <summary>
    /// The world on this portal, seeded by the first test that asks and shared by the matrix's tests after it (the
    /// sweeps leave it as it was; they check that). Its objects carry their own tag, so the other tests' data on the
    /// shared portal never looks like theirs.
    /// </summary>
    public static Task<MatrixWorld> OfAsync(PortalFactory factory) => Worlds.GetValue(factory, CreateAsync);

    private static async Task<MatrixWorld> CreateAsync(PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var otherSupervisor = await TestUsers.CreateAsync(factory, PortalRoles.Supervisor);
        var throwaway = await TestUsers.CreateAsync(factory, PortalRoles.Contractor);
        var accounts = new Dictionary<Who, Account>
        {
            [Who.Admin] = DemoAccounts.Admin,
            [Who.Supervisor] = DemoAccounts.Supervisor,
            [Who.Contratista] = DemoAccounts.Contractor,
            [Who.Contratista2] = DemoAccounts.Contractor2,
            [Who.Proveedor] = DemoAccounts.Provider,
            [Who.OtroSupervisor] = TestUsers.AccountOf(otherSupervisor),
        };
        var ids = new Dictionary<Who, Guid> { [Who.OtroSupervisor] = otherSupervisor.Id };
        foreach (var (who, account) in accounts.Where(a => a.Key != Who.OtroSupervisor))
        {
            ids[who] = await TestUsers.IdOfAsync(factory, account.Email);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var store = services.GetRequiredService<IDocumentStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        var today = BogotaTime.Today(clock);
        var startsOn = new DateOnly(today.Year, today.Month, 1).AddMonths(-4);
        var seeder = new Seeder(db, store, clock, tag);

        var contractA = await seeder.ContractAsync("A", ids[Who.Contratista], Who.Contratista, ids[Who.Supervisor], startsOn);
        var contractB = await seeder.ContractAsync("B", ids[Who.Contratista], Who.Contratista, ids[Who.Supervisor], startsOn);
        var contract2 = await seeder.ContractAsync("2", ids[Who.Contratista2], Who.Contratista2, ids[Who.Supervisor], startsOn);

        // Sent first, then approved, then the draft: each takes the next month of the contract.
        var (sentId, sentAttachments) = await seeder.RequestAsync(contractA.Id, "SENT", Stage.Sent);
        var (approvedId, _) = await seeder.RequestAsync(contractA.Id, "APPROVED", Stage.Approved);
        var (draftId, draftAttachments) = await seeder.RequestAsync(contractA.Id, "DRAFT", Stage.Draft);
        var (sent2Id, sent2Attachments) = await seeder.RequestAsync(contract2.Id, "SENT2", Stage.Sent);

        // Contract D: contratista files a request and sends it, starts the next one, then the contract is handed over.
        var contractDFiled = await seeder.ContractAsync("D", ids[Who.Contratista], Who.Contratista, ids[Who.Supervisor], startsOn);
        var (sentDId, _) = await seeder.RequestAsync(contractDFiled.Id, "SENTD", Stage.Sent);
        var (draftDId, draftDAttachments) = await seeder.RequestAsync(contractDFiled.Id, "DRAFTD", Stage.Draft);
        var contractD = await seeder.HandOverAsync(contractDFiled, ids[Who.Contratista2], Who.Contratista2);
        var documentA = await seeder.ExecutionDocumentAsync(contractA, "A", ids[Who.Supervisor], UploaderSide.Buyer);
        var documentB = await seeder.ExecutionDocumentAsync(contractB, "B", ids[Who.Contratista], UploaderSide.Provider);

        var notifications = new Dictionary<Who, NotificationRef>();
        foreach (var (who, userId) in ids)
        {
            var title = $"Aviso MTZ-NOTA-{who.ToString().ToUpperInvariant()}-{tag}";
            var notification = new Notification(userId, NotificationKind.PaymentRequestSent, title, $"Cuerpo de «{title}».", "/notificaciones", DateTime.UtcNow);
            db.Notifications.Add(notification);
            await db.SaveChangesAsync();
            notifications[who] = new NotificationRef(notification.Id, who, title);
        }

        var running = await db.Contracts.AsNoTracking().SingleAsync(c => c.Number == DemoRunningContractNumber);
        var supply = await db.Contracts.AsNoTracking().SingleAsync(c => c.Number == DemoSupplyContractNumber);
        var demoRunning = new ContractRef(running.Id, running.Number, Who.Contratista, Who.Supervisor);
        var demoSupply = new ContractRef(supply.Id, supply.Number, Who.Proveedor, Who.Supervisor);
        var demoPaid = await db.PaymentRequests.AsNoTracking().Include(p => p.Attachments)
            .SingleAsync(p => p.ContractId == running.Id && p.Status == PaymentRequestStatus.Paid);
        var entity = await db.PublicEntities.AsNoTracking().OrderBy(e => e.Id).FirstAsync();
        var throwawayEntity = new Domain.Entities.PublicEntity($"Entidad MTZ {tag}", Admin.AdminPages.NewNit(out _));
        db.PublicEntities.Add(throwawayEntity);
        var holiday = HolidayChange.Add(
            HolidayCalendar.BuiltIn, ColombianCalendar.FirstBusinessDayAfter(new DateOnly(2190, 3, 1)), $"Festivo MTZ-FEST-{tag}", "Ley de la matriz", ids[Who.Admin], DateTime.UtcNow);
        db.HolidayChanges.Add(holiday);
        await db.SaveChangesAsync();

        // The versions as stored (the save may renew them).
        var stamps = await db.PaymentRequests.AsNoTracking()
            .Where(p => p.Id == sentId || p.Id == approvedId || p.Id == draftId || p.Id == sent2Id || p.Id == sentDId || p.Id == draftDId || p.Id == demoPaid.Id)
            .ToDictionaryAsync(p => p.Id, p => (p.ConcurrencyStamp, p.ReceivedOn, p.InvoiceNumber));
        RequestRef Request(int id, ContractRef contract, bool everSent, string label, Who? filer = null) =>
            new(id, contract, everSent, stamps[id].InvoiceNumber!, stamps[id].ConcurrencyStamp, stamps[id].ReceivedOn, Seeder.AttachmentMarker(label), filer ?? contract.Contractor);

        var sent = Request(sentId, contractA, everSent: true, "SENT");
        var draft = Request(draftId, contractA, everSent: false, "DRAFT");
        var sent2 = Request(sent2Id, contract2, everSent: true, "SENT2");
        var draftD = Request(draftDId, contractD, everSent: false, "DRAFTD", filer: Who.Contratista);

        // Demo data is not distinctive: its contract's number stands for it.
        var paid = new RequestRef(demoPaid.Id, demoRunning, true, DemoRunningContractNumber, stamps[demoPaid.Id].ConcurrencyStamp, stamps[demoPaid.Id].ReceivedOn, "%PDF", Who.Contratista);
        var missingContract = new ContractRef(MissingId, "—", Who.Nobody, Who.Nobody);
        var paidAttachment = demoPaid.Attachments.OrderBy(a => a.Id).First();
        return new MatrixWorld
        {
            Tag = tag,
            Accounts = accounts,
            Today = today,
            ContractA = contractA,
            ContractB = contractB,
            Contract2 = contract2,
            DemoRunning = demoRunning,
            DemoSupply = demoSupply,
            MissingContract = missingContract,
            Draft = draft,
            Sent = sent,
            Approved = Request(approvedId, contractA, everSent: true, "APPROVED"),
            Sent2 = sent2,
            ContractD = contractD,
            SentD = Request(sentDId, contractD, everSent: true, "SENTD", filer: Who.Contratista),
            DraftD = draftD,
            DraftDAttachment = Attachment(draftDAttachments[0], draftD),
            DemoPaid = paid,
            MissingRequest = new RequestRef(MissingId, contractA, false, "—", Guid.Empty, null, "—", Who.Nobody),
            DraftAttachment = Attachment(draftAttachments[0], draft),
            SentAttachment = Attachment(sentAttachments[0], sent),
            Sent2Attachment = Attachment(sent2Attachments[0], sent2),

            // Demo files are not distinctive: a leaked download is caught by "%PDF" (see the matrix's secrets).
            DemoPaidAttachment = new AttachmentRef(paidAttachment.Id, paid, paidAttachment.FileName, "%PDF"),
            MissingAttachment = new AttachmentRef(MissingId, draft, "—", "—"),
            DocumentA = documentA,
            DocumentB = documentB,
            MissingDocument = new DocumentRef(MissingId, contractA, "—"),
            Notifications = notifications,
            MissingNotification = new NotificationRef(MissingId, Who.Nobody, "—"),
            EntityId = entity.Id,
            EntityNit = entity.Nit,
            ThrowawayEntityId = throwawayEntity.Id,
            ThrowawayUserId = throwaway.Id,
            ThrowawayUserEmail = throwaway.Email!,
            HolidayChangeId = holiday.Id,
            HolidayChangeDate = holiday.Date,
            HolidayChangeName = holiday.Name,
        };

        static AttachmentRef Attachment(SeededAttachment seeded, RequestRef request) => new(seeded.Id, request, seeded.FileName, seeded.ContentText);
    }

    /// <summary>What a request, an attachment or a document looks like in the database now, to compare before and after the sweep.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> SnapshotAsync(PortalFactory factory, MatrixWorld world)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(world);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var requestIds = world.SeededRequests.Select(r => r.Id).ToList();
        var requests = await db.PaymentRequests.AsNoTracking().Include(p => p.Attachments)
            .Where(p => requestIds.Contains(p.Id)).ToListAsync();
        foreach (var request in requests)
        {
            snapshot[$"request {request.Id}"] = string.Join(
                " | ",
                request.Status.ToString(),
                request.ConcurrencyStamp.ToString(),
                request.Notes ?? "-",
                string.Join(",", request.Attachments.Select(a => a.Id).Order()));
        }

        var contractIds = world.SeededContracts.Select(c => c.Id).ToList();
        foreach (var contract in await db.Contracts.AsNoTracking().Where(c => contractIds.Contains(c.Id)).ToListAsync())
        {
            snapshot[$"contract {contract.Number}"] = $"{contract.Status} | {contract.ContractorId} | {contract.SupervisorId}";
        }

        foreach (var contractId in contractIds)
        {
            snapshot[$"requests of contract {contractId}"] = (await db.PaymentRequests.CountAsync(p => p.ContractId == contractId)).ToString(CultureInfo.InvariantCulture);
            snapshot[$"execution documents of contract {contractId}"] = (await db.ExecutionDocuments.CountAsync(d => d.ContractId == contractId)).ToString(CultureInfo.InvariantCulture);
        }

        var notificationIds = world.Notifications.Values.Select(n => n.Id).ToList();
        var holiday = await db.HolidayChanges.AsNoTracking().SingleAsync(c => c.Id == world.HolidayChangeId);
        snapshot["holiday change"] = holiday.IsInForce ? "in force" : $"undone by {holiday.WithdrawnById}";
        snapshot["notifications"] = string.Join(",", await db.Notifications.Where(n => notificationIds.Contains(n.Id)).Select(n => n.Id).OrderBy(id => id).ToListAsync());
        return snapshot;
    }

    private enum Stage
    {
        Draft,
        Sent,
        Approved,
    }

    private sealed record SeededAttachment(int Id, string FileName, string ContentText);

    /// <summary>Builds through the domain's constructors and state machine, with real bytes in the document store.</summary>
    private sealed class Seeder(PortalDbContext db, IDocumentStore store, TimeProvider clock, string tag)
    {
        private const decimal MonthlyFee = 2_000_000m;

        public static string AttachmentMarker(string label) => $"MTZ-ADJ-{label}-";

        public async Task<ContractRef> ContractAsync(string label, Guid contractorId, Who contractor, Guid supervisorId, DateOnly startsOn)
        {
            var entityId = await db.PublicEntities.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            var number = $"CO1.PCCNTR.MZ{label}{tag}";
            var details = new ContractDetails(
                number,
                "Prestación de servicios profesionales para la matriz de autorización.",
                ContractType.ProfessionalServices,
                ContractModality.DirectContracting,
                MonthlyFee * 12,
                MonthlyFee,
                startsOn.AddDays(-5),
                startsOn,
                startsOn.AddMonths(12).AddDays(-1),
                "CDP-2026-0311",
                "RP-2026-0457",
                false);
            var contract = new Contract(entityId, details, contractorId, PersonType.NaturalPerson, supervisorId, DateTime.UtcNow);
            contract.StartExecution();
            db.Contracts.Add(contract);
            await db.SaveChangesAsync();
            return new ContractRef(contract.Id, number, contractor, Who.Supervisor);
        }

        /// <summary>The contract's next request, with every required document, driven to <paramref name="stage"/>.</summary>
        public async Task<(int Id, List<SeededAttachment> Attachments)> RequestAsync(int contractId, string label, Stage stage)
        {
            var today = BogotaTime.Today(clock);
            var sentAt = clock.GetUtcNow().UtcDateTime.AddDays(-1);
            var contract = await db.Contracts.SingleAsync(c => c.Id == contractId);
            var siblings = await db.PaymentRequests.Where(p => p.ContractId == contractId)
                .Select(p => new SiblingRequest(p.Id, p.Sequence, p.Status, p.PeriodFrom, p.PeriodTo, p.TotalValue, p.InvoiceNumber))
                .ToListAsync();
            var sequence = siblings.Count == 0 ? 1 : siblings.Max(s => s.Sequence) + 1;
            var draft = PaymentRequest.SuggestDraft(contract, sequence, siblings, today);
            draft = draft with
            {
                InvoiceNumber = $"MTZ-FAC-{label}-{tag}",
                PilaNumber = "845012" + sequence.ToString("D2", CultureInfo.InvariantCulture),
                PilaPaidOn = draft.PeriodFrom!.Value.AddDays(9),
            };
            var contractorId = contract.ContractorId;
            var createdAt = sentAt.AddHours(-2);
            var request = PaymentRequest.Create(contract, sequence, contractorId, draft, createdAt);
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var type in PaymentRequestRules.RequiredDocuments(contract.ContractorPersonType, isFirstPayment: sequence == 1))
            {
                var text = $"{AttachmentMarker(label)}{((int)type).ToString(CultureInfo.InvariantCulture)}-{tag}";
                var fileName = $"{text}.pdf";
                var stored = await StorePdfAsync(text);
                request.AddAttachment(
                    new Attachment(type, fileName, "application/pdf", stored.SizeBytes, stored.Sha256, stored.StorageKey, null, createdAt, contractorId),
                    long.MaxValue,
                    contractorId,
                    createdAt);
                texts[fileName] = text;
            }

            if (stage != Stage.Draft)
            {
                var context = new PaymentRequestContext(contract, siblings, CufeUsedElsewhere: false, today);
                request.Confirm(context, contractorId, createdAt.AddMinutes(30));
                request.Send(context, contractorId, sentAt);
                if (stage == Stage.Approved)
                {
                    request.Approve(contract.SupervisorId, draft.ReceivedOn!.Value, contract.RpNumber!, today, sentAt.AddHours(3));
                }
            }

            db.PaymentRequests.Add(request);
            await db.SaveChangesAsync();
            var attachments = request.Attachments.OrderBy(a => a.Id).Select(a => new SeededAttachment(a.Id, a.FileName, texts[a.FileName])).ToList();
            return (request.Id, attachments);
        }

        /// <summary>What the admin's contract form does when the contractor changes (a "cesión"): the requests stay with who filed them.</summary>
        public async Task<ContractRef> HandOverAsync(ContractRef contract, Guid newContractorId, Who newContractor)
        {
            var tracked = await db.Contracts.SingleAsync(c => c.Id == contract.Id);
            tracked.AssignContractor(newContractorId, PersonType.NaturalPerson);
            await db.SaveChangesAsync();
            return contract with { Contractor = newContractor };
        }

        public async Task<DocumentRef> ExecutionDocumentAsync(ContractRef contract, string label, Guid uploadedBy, UploaderSide side)
        {
            var text = $"MTZ-DOC-{label}-{tag}";
            var stored = await StorePdfAsync(text);
            var document = new ExecutionDocument(
                contract.Id, $"Acta de seguimiento {text}", $"{text}.pdf", "application/pdf", stored.SizeBytes, stored.Sha256, stored.StorageKey,
                uploadedBy, side, DateTime.UtcNow);
            db.ExecutionDocuments.Add(document);
            await db.SaveChangesAsync();
            return new DocumentRef(document.Id, contract, text);
        }

        private async Task<StoredDocument> StorePdfAsync(string text)
        {
            var bytes = MinimalPdf.Create(text);
            await using var content = new MemoryStream(bytes, writable: false);
            return await store.SaveAsync(content, bytes.Length, CancellationToken.None);
        }
    }
}
