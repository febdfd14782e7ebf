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

public sealed record AdminDashboard(int Entities, int Users, int ActiveUsers, int Contracts, int ContractsInExecution);

public sealed class AdminDashboardQuery(PortalDbContext db)
{
    public async Task<AdminDashboard> RunAsync(CancellationToken cancellationToken)
    {
        var entities = await db.PublicEntities.CountAsync(cancellationToken);
        var users = await db.Users.CountAsync(cancellationToken);
        var activeUsers = await db.Users.CountAsync(u => u.IsActive, cancellationToken);
        var contracts = await db.Contracts.CountAsync(cancellationToken);
        var inExecution = await db.Contracts.CountAsync(c => c.Status == ContractStatus.InExecution, cancellationToken);
        return new AdminDashboard(entities, users, activeUsers, contracts, inExecution);
    }
}
