using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Domain.Contracts;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Contracts;

[Route("contratos")]
public sealed class ContractsController(IAuthorizationService authorization) : Controller
{
    /// <summary>"Mis contratos" for contractors, "Contratos" for supervisors, every contract for admins.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromServices] ContractListQuery query, string? vista, ContractStatus? estado, int pagina = 1, string? despues = null, string? antes = null, CancellationToken cancellationToken = default)
    {
        var scope = ChooseScope(vista);
        if (scope is null)
        {
            return Forbid();
        }

        var page = scope == ContractListScope.All
            ? await query.AllAsync(new ContractFilter(estado), new PageRequest(despues, antes), cancellationToken)
            : await query.RunAsync(User.GetUserId(), scope.Value, estado, pagina, cancellationToken);
        return View(page);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Detail([FromServices] ContractDetailQuery query, int id, CancellationToken cancellationToken)
    {
        var general = await query.FindGeneralInfoAsync(id, cancellationToken);
        if (general is null || !(await authorization.AuthorizeAsync(User, general.Parties, ContractOperations.Read)).Succeeded)
        {
            return NotFound();
        }

        var parties = general.Parties;
        var viewer = (await authorization.AuthorizeAsync(User, parties, ContractOperations.FilePaymentRequest)).Succeeded ? ContractViewer.Contractor
            : (await authorization.AuthorizeAsync(User, parties, ContractOperations.Supervise)).Succeeded ? ContractViewer.Supervisor
            : ContractViewer.Other;
        var canUpload = (await authorization.AuthorizeAsync(User, parties, ContractOperations.UploadExecutionDocument)).Succeeded;
        return View(await query.RunAsync(general, viewer, canUpload, User.GetUserId(), cancellationToken));
    }

    private ContractListScope? ChooseScope(string? requested)
    {
        var isContractor = User.IsContractor();
        var isSupervisor = User.IsSupervisor();
        var isAdmin = User.IsAdministrator();
        return requested switch
        {
            "supervision" when isSupervisor => ContractListScope.AsSupervisor,
            "propios" when isContractor => ContractListScope.AsContractor,
            "todos" when isAdmin => ContractListScope.All,
            _ when isContractor => ContractListScope.AsContractor,
            _ when isSupervisor => ContractListScope.AsSupervisor,
            _ when isAdmin => ContractListScope.All,
            _ => null,
        };
    }
}
