using SecopPortal.Domain.Common;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Review;

/// <summary>One line of "Cuentas por revisar".</summary>
/// <param name="SentOn">The day it was sent, in Bogotá.</param>
/// <param name="BusinessDaysWaiting">Business days elapsed since <paramref name="SentOn"/> up to today (Bogotá).</param>
public sealed record ReviewInboxRow(
    int RequestId,
    int ContractId,
    string ContractNumber,
    string EntityName,
    string ContractorName,
    int Sequence,
    string? InvoiceNumber,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    decimal? TotalValue,
    DateOnly SentOn,
    int BusinessDaysWaiting);

public sealed record ReviewInboxPage(IReadOnlyList<ReviewInboxRow> Rows, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

/// <summary>
/// "Cuentas por revisar": the requests "Enviado a la Entidad Estatal" on the contracts a supervisor supervises,
/// never their own, oldest first. One page query, projecting only the columns shown; the total is the menu's count
/// (<see cref="MenuBadges"/>), read once for the page and the menu together.
/// </summary>
/// <remarks>
/// "Oldest" is by <see cref="PaymentRequest.UpdatedAtUtc"/>: while a request is "Enviado a la Entidad Estatal"
/// nothing may change it (every edit needs "En edición", and Rechazar/Aprobar move it out of the state), so its
/// <c>UpdatedAtUtc</c> is exactly the time of its last "Enviar" transition. Ordering by that column uses the
/// <c>IX_PaymentRequests_Status_UpdatedAtUtc</c> index instead of aggregating the history table per row.
/// </remarks>
public sealed class ReviewInboxQuery(PortalDbContext db, MenuBadges badges, TimeProvider clock, PortalCalendar calendar)
{
    public const int PageSize = 20;

    public async Task<ReviewInboxPage> RunAsync(ClaimsPrincipal supervisor, int page, CancellationToken cancellationToken)
    {
        var supervisorId = supervisor.GetUserId();
        var total = (await badges.ReadAsync(supervisor, cancellationToken)).PendingReviews;
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await (
                from request in AwaitingReview(db, supervisorId)
                join contract in db.Contracts on request.ContractId equals contract.Id
                join entity in db.PublicEntities on contract.EntityId equals entity.Id
                join contractor in db.Users on request.ContractorId equals contractor.Id
                orderby request.UpdatedAtUtc, request.Id
                select new
                {
                    request.Id,
                    request.ContractId,
                    ContractNumber = contract.Number,
                    EntityName = entity.Name,
                    ContractorName = contractor.FullName,
                    request.Sequence,
                    request.InvoiceNumber,
                    request.PeriodFrom,
                    request.PeriodTo,
                    request.TotalValue,
                    SentAtUtc = request.UpdatedAtUtc,
                })
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .ToListAsync(cancellationToken);

        var today = BogotaTime.Today(clock);
        var businessDays = calendar.Current;
        var result = rows.Select(r =>
            {
                var sentOn = DateOnly.FromDateTime(BogotaTime.ToBogota(r.SentAtUtc));
                return new ReviewInboxRow(
                    r.Id, r.ContractId, r.ContractNumber, r.EntityName, r.ContractorName, r.Sequence, r.InvoiceNumber,
                    r.PeriodFrom, r.PeriodTo, r.TotalValue, sentOn, businessDays.BusinessDaysBetween(sentOn, today));
            })
            .ToList();
        return new ReviewInboxPage(result, page, PageSize, total);
    }

    /// <summary>
    /// The requests waiting for this supervisor: "Enviado a la Entidad Estatal" on a contract they supervise, never
    /// their own. The inbox's rows and the menu's count (<see cref="MenuBadges"/>) both start from here.
    /// </summary>
    public static IQueryable<PaymentRequest> AwaitingReview(PortalDbContext db, Guid supervisorId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from request in db.PaymentRequests.AsNoTracking()
               join contract in db.Contracts on request.ContractId equals contract.Id
               where request.Status == PaymentRequestStatus.Sent
                     && contract.SupervisorId == supervisorId
                     && request.ContractorId != supervisorId
               select request;
    }
}
