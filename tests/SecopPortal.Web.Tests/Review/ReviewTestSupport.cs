using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Documents;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Review;

/// <summary>
/// The review tests (they approve, reject and pay) run with the portal's clock stopped at Friday 20 November 2026,
/// 10:00 in Bogotá, so "today" and the business days waiting are the same on every run. The week before holds a
/// Colombian holiday: Monday 16 November 2026 (Independencia de Cartagena, moved from Wednesday the 11th).
/// </summary>
public abstract class ReviewTests(PortalFixture fixture) : StoppedClockTests(fixture, Now)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 11, 20);
}

/// <summary>How far a test request is driven through the state machine.</summary>
public enum RequestStage
{
    /// <summary>"En edición", never sent: only its contractor may see it.</summary>
    Draft,

    /// <summary>"Enviado a la Entidad Estatal".</summary>
    Sent,

    /// <summary>Sent, rejected, edited and sent again ("Enviado a la Entidad Estatal", two "Enviar" in the history).</summary>
    Resent,

    Rejected,

    Approved,

    Paid,
}

/// <summary>A supervisor and a contractor of the test's own, with a contract between them.</summary>
public sealed record ReviewCase(ApplicationUser Supervisor, ApplicationUser Contractor, int ContractId, string ContractNumber);

/// <summary>
/// Builds payment requests through the domain's own state machine (Create → Anexar → Confirmar → Enviar → …), with
/// real PDF attachments saved through the portal's document store, so the review screens never depend on the
/// contractor's screens.
/// </summary>
internal static class ReviewTestData
{
    public const string ContractRp = "RP-2026-0457";

    /// <summary>A new supervisor, a new contractor and a 12-month contract from 01/01/2026 between them (fee $ 2.000.000).</summary>
    public static async Task<ReviewCase> NewCaseAsync(PortalFactory factory)
    {
        var supervisor = await TestUsers.CreateAsync(factory, PortalRoles.Supervisor);
        var contractor = await TestUsers.CreateAsync(factory, PortalRoles.Contractor);
        var contract = await NewContractAsync(factory, contractor.Id, supervisor.Id);
        return new ReviewCase(supervisor, contractor, contract.Id, contract.Number);
    }

    /// <summary>A contract in execution (persona natural, professional services) under the first seeded entity.</summary>
    public static async Task<Contract> NewContractAsync(
        PortalFactory factory, Guid contractorId, Guid supervisorId, DateOnly? startsOn = null, int months = 12, decimal monthlyFee = 2_000_000m)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entityId = await db.PublicEntities.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        var starts = startsOn ?? new DateOnly(2026, 1, 1);
        var details = new ContractDetails(
            $"CO1.PCCNTR.R{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}",
            "Prestación de servicios profesionales para apoyar la supervisión de contratos.",
            ContractType.ProfessionalServices,
            ContractModality.DirectContracting,
            monthlyFee * months,
            monthlyFee,
            starts.AddDays(-5),
            starts,
            starts.AddMonths(months).AddDays(-1),
            "CDP-2026-0311",
            ContractRp,
            false);
        var contract = new Contract(entityId, details, contractorId, PersonType.NaturalPerson, supervisorId, DateTime.UtcNow);
        contract.StartExecution();
        db.Contracts.Add(contract);
        await db.SaveChangesAsync();
        return contract;
    }

    /// <summary>
    /// The contract's next payment request (next month, next "Id de pago"), with every required document, driven to
    /// <paramref name="stage"/>. <paramref name="sentAtUtc"/> is when its (last) "Enviar" happened (default: a day ago).
    /// </summary>
    public static async Task<int> NewRequestAsync(PortalFactory factory, int contractId, RequestStage stage = RequestStage.Sent, DateTime? sentAtUtc = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var store = services.GetRequiredService<IDocumentStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        var today = BogotaTime.Today(clock);
        var sentAt = sentAtUtc ?? clock.GetUtcNow().UtcDateTime.AddDays(-1);

        var contract = await db.Contracts.SingleAsync(c => c.Id == contractId);
        var siblings = await db.PaymentRequests.Where(p => p.ContractId == contractId)
            .Select(p => new SiblingRequest(p.Id, p.Sequence, p.Status, p.PeriodFrom, p.PeriodTo, p.TotalValue, p.InvoiceNumber))
            .ToListAsync();
        var sequence = siblings.Count == 0 ? 1 : siblings.Max(s => s.Sequence) + 1;
        var draft = PaymentRequest.SuggestDraft(contract, sequence, siblings, today);
        draft = draft with { PilaNumber = "845012" + sequence.ToString("D2", CultureInfo.InvariantCulture), PilaPaidOn = draft.PeriodFrom!.Value.AddDays(9) };
        var contractorId = contract.ContractorId;
        var createdAt = sentAt.AddHours(-2);
        var request = PaymentRequest.Create(contract, sequence, contractorId, draft, createdAt);
        foreach (var type in PaymentRequestRules.RequiredDocuments(contract.ContractorPersonType, isFirstPayment: sequence == 1))
        {
            var bytes = TestFiles.Pdf();
            await using var content = new MemoryStream(bytes, writable: false);
            var stored = await store.SaveAsync(content, bytes.Length, CancellationToken.None);
            var attachment = new Attachment(
                type, $"{type.ToLabel().Replace(' ', '_')}.pdf", "application/pdf", stored.SizeBytes, stored.Sha256, stored.StorageKey, null, createdAt, contractorId);
            request.AddAttachment(attachment, long.MaxValue, contractorId, createdAt);
        }

        if (stage != RequestStage.Draft)
        {
            var context = new PaymentRequestContext(contract, siblings, CufeUsedElsewhere: false, today);
            request.Confirm(context, contractorId, createdAt.AddMinutes(30));
            if (stage == RequestStage.Resent)
            {
                var firstSend = sentAt.AddDays(-9);
                request.Send(context, contractorId, firstSend);
                request.Reject(contract.SupervisorId, "Falta la firma en el informe de actividades.", firstSend.AddDays(1));
                request.EditAfterRejection(contractorId, firstSend.AddDays(2));
                request.Confirm(context, contractorId, firstSend.AddDays(2));
            }

            request.Send(context, contractorId, sentAt);
            switch (stage)
            {
                case RequestStage.Rejected:
                    request.Reject(contract.SupervisorId, "El periodo cobrado no coincide con el informe.", sentAt.AddHours(3));
                    break;
                case RequestStage.Approved:
                    request.Approve(contract.SupervisorId, draft.ReceivedOn!.Value, ContractRp, today, sentAt.AddHours(3));
                    break;
                case RequestStage.Paid:
                    request.Approve(contract.SupervisorId, draft.ReceivedOn!.Value, ContractRp, today, sentAt.AddHours(3));
                    request.MarkPaid(contract.SupervisorId, today, null, today, sentAt.AddHours(4));
                    break;
            }
        }

        db.PaymentRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    /// <summary>The request as stored now, with its history and attachments.</summary>
    public static async Task<PaymentRequest> LoadAsync(PortalFactory factory, int requestId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.PaymentRequests.AsNoTracking().Include(p => p.History).Include(p => p.Attachments).AsSplitQuery().SingleAsync(p => p.Id == requestId);
    }

    /// <summary>The notifications of the request's contractor that link to it, newest last.</summary>
    public static async Task<List<Domain.Notifications.Notification>> NotificationsAboutAsync(PortalFactory factory, Guid recipientId, int requestId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var all = await db.Notifications.AsNoTracking().Where(n => n.RecipientId == recipientId).OrderBy(n => n.Id).ToListAsync();
        var suffix = "/" + requestId.ToString(CultureInfo.InvariantCulture);
        return all.Where(n => n.LinkPath.EndsWith(suffix, StringComparison.Ordinal) || n.LinkPath.Contains(suffix + "?", StringComparison.Ordinal) || n.LinkPath.Contains(suffix + "#", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Gives an existing user one more role.</summary>
    public static async Task AddRoleAsync(PortalFactory factory, Guid userId, string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        Assert.NotNull(user);
        var result = await users.AddToRoleAsync(user, role);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>How many files the document store holds (uploads in progress included).</summary>
    public static int StoredFileCount(PortalFactory factory) =>
        Directory.Exists(factory.StorageRoot) ? Directory.EnumerateFiles(factory.StorageRoot, "*", SearchOption.AllDirectories).Count(f => !SecopPortal.Web.Tests.Documents.TempFolder.IsUploadJournal(f)) : 0;

    public static DateTime BogotaUtc(int year, int month, int day, int hour) =>
        new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc).AddHours(5);
}

/// <summary>What the review tests do over and over: open a review page, post one of its forms.</summary>
internal static class ReviewPages
{
    public const string Inbox = "/revision";

    public static string Show(int id) => $"/revision/{Invariant(id)}";

    public static string Approve(int id) => $"/revision/{Invariant(id)}/aprobar";

    public static string Reject(int id) => $"/revision/{Invariant(id)}/rechazar";

    public static string MarkPaid(int id) => $"/revision/{Invariant(id)}/pagado";

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The values of the form holding <paramref name="controlName"/>, as the page shows them, plus the antiforgery token.</summary>
    public static (Dictionary<string, string> Fields, string Token) FormOf(IHtmlDocument page, string controlName)
    {
        var form = page.QuerySelector($"[name='{controlName}']")?.Closest("form");
        Assert.True(form is not null, $"The page «{page.Title}» has no form with «{controlName}». Forms: {string.Join(", ", page.QuerySelectorAll("form").Select(f => f.GetAttribute("action")))}");
        var token = form!.QuerySelector($"input[name='{PortalHttp.AntiforgeryFieldName}']")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), "The form has no antiforgery token.");
        return (Admin.AdminPages.FormValues(page, controlName), token!);
    }

    /// <summary>
    /// Posts the URL-encoded form of the page that holds <paramref name="controlName"/>, with some values replaced. When
    /// the portal answers with the confirmation step ("Aprobar"), <paramref name="confirm"/> answers it as a browser
    /// without JavaScript does (<see cref="ConfirmAsync"/>); otherwise the confirmation page itself is returned.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, IHtmlDocument page, string controlName, string url, IReadOnlyDictionary<string, string>? overrides = null, bool confirm = true)
    {
        var (fields, token) = FormOf(page, controlName);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            fields[key] = value;
        }

        var response = await PortalHttp.PostFormWithTokenAsync(client, url, fields, token);
        return confirm ? await ConfirmAsync(client, response) : response;
    }

    /// <summary>The form of the confirmation step ("Sí, aprobar", "Sí, marcar como pagado"), or null on any other page.</summary>
    public static AngleSharp.Dom.IElement? ConfirmationForm(IHtmlDocument page) => page.QuerySelector(".review-confirm form");

    /// <summary>
    /// "Sí, …" on the confirmation page, as a browser without JavaScript: when <paramref name="response"/> is that page,
    /// its form is posted and that answer returned; any other answer (an error, a conflict, a redirect) is returned as is.
    /// </summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.OK || ConfirmationForm(await PortalHttp.ParseAsync(response)) is not { } form)
        {
            return response;
        }

        var (fields, token) = ConfirmationFields(form);
        var action = form.GetAttribute("action")!;
        response.Dispose();
        return await PortalHttp.PostFormWithTokenAsync(client, action, fields, token);
    }

    /// <summary>The hidden fields "Sí, …" posts (the version, the values, Confirmed) and the form's antiforgery token.</summary>
    public static (Dictionary<string, string> Fields, string Token) ConfirmationFields(AngleSharp.Dom.IElement form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => (Name: i.GetAttribute("name") ?? string.Empty, Value: i.GetAttribute("value") ?? string.Empty))
            .Where(f => f.Name.Length > 0 && f.Name != PortalHttp.AntiforgeryFieldName)
            .ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
        var token = form.QuerySelector($"input[name='{PortalHttp.AntiforgeryFieldName}']")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), "The confirmation form has no antiforgery token.");
        return (fields, token!);
    }

    /// <summary>
    /// Posts "Marcar como pagado" as a browser does (multipart), optionally with a file as "Soporte de pago", and answers
    /// the confirmation step when <paramref name="confirm"/> (<see cref="ConfirmAsync"/>).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitMarkPaidAsync(
        HttpClient client, IHtmlDocument page, int requestId, string? paidOn = null, (string FileName, byte[] Content)? support = null, bool confirm = true)
    {
        var (fields, token) = FormOf(page, "Paid.PaidOn");
        if (paidOn is not null)
        {
            fields["Paid.PaidOn"] = paidOn;
        }

        using var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields.Where(f => f.Key != "Paid.PaymentSupport"))
        {
            content.Add(new StringContent(value), key);
        }

        content.Add(new StringContent(token), PortalHttp.AntiforgeryFieldName);
        if (support is { } file)
        {
            var bytes = new ByteArrayContent(file.Content);
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(bytes, "Paid.PaymentSupport", file.FileName);
        }
        else
        {
            // What a browser sends for an empty file field.
            var empty = new ByteArrayContent([]);
            empty.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            empty.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"Paid.PaymentSupport\"", FileName = "\"\"" };
            content.Add(empty);
        }

        var response = await client.PostAsync(new Uri(MarkPaid(requestId), UriKind.Relative), content);
        return confirm ? await ConfirmAsync(client, response) : response;
    }

    /// <summary>Follows a redirect (asserting there was one) and parses the page it leads to.</summary>
    public static async Task<IHtmlDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await PortalHttp.ParseAsync(response);
            Assert.Fail($"Expected a redirect, got {(int)response.StatusCode}. Summary: {Admin.AdminPages.Summary(page)} {page.QuerySelector("#conflicto")?.TextContent.Trim()}");
        }

        return await PortalHttp.GetPageAsync(client, response.Headers.Location!.OriginalString);
    }

    public static string Status(IHtmlDocument page) => page.QuerySelector(".review-head__status .badge")?.TextContent.Trim() ?? string.Empty;

    public static string Conflict(IHtmlDocument page) => page.GetElementById("conflicto")?.TextContent.Trim() ?? string.Empty;

    public static bool HasForm(IHtmlDocument page, string controlName) => page.QuerySelector($"form [name='{controlName}']") is not null;

    public static IReadOnlyList<string> TimelineActions(IHtmlDocument page) =>
        page.QuerySelectorAll(".timeline__head strong").Select(e => e.TextContent.Trim()).ToList();
}
