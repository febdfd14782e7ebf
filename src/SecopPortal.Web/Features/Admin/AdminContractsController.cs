using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Features.Admin;

/// <summary>Contratos: the full list, create, edit and "Cambiar estado".</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("administracion/contratos")]
public sealed class AdminContractsController(ContractAdministration contracts, ContractPartiesQuery parties) : Controller
{
    private const string InputPrefix = "Input";
    private const string StatusPrefix = "StatusInput";

    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromServices] AdminContractListQuery query, string? buscar, ContractStatus? estado, int? entidad, string? despues, string? antes, CancellationToken cancellationToken = default) =>
        View(await query.RunAsync(buscar, estado, entidad, new PageRequest(despues, antes), cancellationToken));

    [HttpGet("nuevo")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(await FormPageAsync(new ContractInput(), status: null, cancellationToken));

    [HttpPost("nuevo")]
    public async Task<IActionResult> Create([Bind(Prefix = InputPrefix)] ContractInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (ModelState.IsValid)
        {
            try
            {
                var (id, number) = await contracts.CreateAsync(input, User.GetUserId(), cancellationToken);
                TempData["Flash"] = $"Se creó el contrato {number} en estado «{ContractStatus.Signed.ToLabel()}». Cuando empiece su ejecución, cambie su estado a «{ContractStatus.InExecution.ToLabel()}».";
                return RedirectToAction(nameof(Edit), new { id });
            }
            catch (DomainException exception)
            {
                exception.AddTo(ModelState, InputPrefix);
            }
        }

        return View(await FormPageAsync(input, status: null, cancellationToken));
    }

    [HttpGet("{id:int}/editar")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var page = await CurrentPageAsync(id, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("{id:int}/editar")]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = InputPrefix)] ContractInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await contracts.FindAsync(id, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        if (input.ConcurrencyStamp is null)
        {
            ModelState.AddModelError(string.Empty, VersionMessages.Missing);
        }

        if (ModelState.IsValid)
        {
            try
            {
                if (!await contracts.UpdateAsync(id, input, User.GetUserId(), cancellationToken))
                {
                    return NotFound();
                }

                TempData["Flash"] = $"Se guardaron los cambios del contrato {input.Number!.Trim()}.";
                return RedirectToAction(nameof(Edit), new { id });
            }
            catch (DomainException exception)
            {
                exception.AddTo(ModelState, InputPrefix);
            }
            catch (ConcurrentChangeException)
            {
                return await ConflictAsync(id, cancellationToken);
            }
        }

        // Keep what the admin typed, and the version they loaded; the status panel shows the contract as it is now.
        return View(nameof(Edit), await FormPageAsync(input, current.Status, cancellationToken));
    }

    [HttpPost("{id:int}/estado")]
    public async Task<IActionResult> ChangeStatus(int id, [Bind(Prefix = StatusPrefix)] ContractStatusInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var statusKey = $"{StatusPrefix}.{nameof(ContractStatusInput.NewStatus)}";
        if (input.NewStatus is null && ModelState.GetFieldValidationState(statusKey) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError(statusKey, "Seleccione el nuevo estado.");
        }

        if (input.ConcurrencyStamp is null)
        {
            ModelState.AddModelError(string.Empty, VersionMessages.Missing);
        }

        if (ModelState.IsValid)
        {
            try
            {
                var result = await contracts.ChangeStatusAsync(id, input.NewStatus!.Value, input.ConcurrencyStamp!.Value, User.GetUserId(), cancellationToken);
                if (result is null)
                {
                    return NotFound();
                }

                TempData["Flash"] = $"El contrato {result} pasó a estado «{input.NewStatus.Value.ToLabel()}».";
                return RedirectToAction(nameof(Edit), new { id });
            }
            catch (DomainException exception)
            {
                ModelState.AddModelError(statusKey, exception.Message);
            }
            catch (ConcurrentChangeException)
            {
                return await ConflictAsync(id, cancellationToken);
            }
        }

        var page = await CurrentPageAsync(id, cancellationToken);
        return page is null ? NotFound() : View(nameof(Edit), page);
    }

    /// <summary>Someone else saved first: show the contract as it is now, with the message, so nothing is overwritten blindly.</summary>
    private async Task<IActionResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, VersionMessages.Stale);
        var page = await CurrentPageAsync(id, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(nameof(Edit), page);
    }

    private async Task<ContractFormPage?> CurrentPageAsync(int id, CancellationToken cancellationToken)
    {
        var current = await contracts.FindAsync(id, cancellationToken);
        return current is null ? null : await FormPageAsync(current.Input, current.Status, cancellationToken);
    }

    private async Task<ContractFormPage> FormPageAsync(ContractInput input, ContractStatusPanel? status, CancellationToken cancellationToken) =>
        new()
        {
            Input = input,
            Parties = await parties.RunAsync(input, cancellationToken),
            Status = status,
            StatusInput = new ContractStatusInput { ConcurrencyStamp = status?.ConcurrencyStamp },
        };
}
