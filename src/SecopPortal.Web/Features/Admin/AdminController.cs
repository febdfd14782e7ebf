using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Features.Admin;

/// <summary>"Administración": the tiles that lead to entities, users and contracts.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("administracion")]
public sealed class AdminController(AdminDashboardQuery query) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await query.RunAsync(cancellationToken));
}

/// <summary>
/// The tiles' figures. At national size nothing here counts a whole table: each count stops at <see cref="AdminDashboardQuery.CountCap"/>
/// (shown "más de 1.000"), and the active/deactivated split is only counted when the users are fewer than that.
/// </summary>
public sealed record AdminDashboard(int Entities, int Users, int? ActiveUsers, int Contracts, int ContractsInExecution);

public sealed class AdminDashboardQuery(PortalDbContext db)
{
    public const int CountCap = 1_000;

    public async Task<AdminDashboard> RunAsync(CancellationToken cancellationToken)
    {
        var entities = await db.PublicEntities.Take(CountCap + 1).CountAsync(cancellationToken);
        var users = await db.Users.Take(CountCap + 1).CountAsync(cancellationToken);
        int? activeUsers = users <= CountCap ? await db.Users.CountAsync(u => u.IsActive, cancellationToken) : null;
        var contracts = await db.Contracts.Take(CountCap + 1).CountAsync(cancellationToken);
        var inExecution = await db.Contracts.Where(c => c.Status == ContractStatus.InExecution).Take(CountCap + 1).CountAsync(cancellationToken);
        return new AdminDashboard(entities, users, activeUsers, contracts, inExecution);
    }
}
