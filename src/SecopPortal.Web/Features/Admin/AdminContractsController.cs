using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.Contracts;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Admin;

/// <summary>Contratos: the full list, create, edit and "Cambiar estado".</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("administracion/contratos")]
public sealed class AdminContractsController(ContractAdministration contracts, ContractFormOptionsQuery options) : Controller
{
    public const string ConflictMessage = "Otra persona modificó este contrato mientras usted lo editaba. Revise los datos actuales y vuelva a intentarlo.";
    private const string InputPrefix = "Input";
    private const string StatusPrefix = "StatusInput";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] AdminContractListQuery query, ContractStatus? estado, int? entidad, int pagina = 1, CancellationToken cancellationToken = default) =>
        View(await query.RunAsync(User.GetUserId(), estado, entidad, pagina, cancellationToken));

    [HttpGet("nuevo")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(await FormPageAsync(new ContractInput(), status: null, cancellationToken));

    [HttpPost("nuevo")]
    public async Task<IActionResult> Create([Bind(Prefix = InputPrefix)] ContractInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        new ContractInputValidator().Validate(input).AddShapeErrorsTo(ModelState, InputPrefix);
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

        new ContractInputValidator().Validate(input).AddShapeErrorsTo(ModelState, InputPrefix);
        if (input.ConcurrencyStamp is null)
        {
            ModelState.AddModelError(string.Empty, "Falta la versión del contrato. Recargue la página y vuelva a intentarlo.");
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
            catch (DbUpdateConcurrencyException)
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
            ModelState.AddModelError(string.Empty, "Falta la versión del contrato. Recargue la página y vuelva a intentarlo.");
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
            catch (DbUpdateConcurrencyException)
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
        ModelState.AddModelError(string.Empty, ConflictMessage);
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
            Options = await options.RunAsync(input.ContractorId, input.SupervisorId, cancellationToken),
            Status = status,
            StatusInput = new ContractStatusInput { ConcurrencyStamp = status?.ConcurrencyStamp },
        };
}

/// <summary>The contract form. Property names match <see cref="ContractDetails"/> so the domain's violations land next to their fields.</summary>
public sealed class ContractInput
{
    public int? EntityId { get; set; }

    public string? Number { get; set; }

    public string? Purpose { get; set; }

    public ContractType? Type { get; set; }

    public ContractModality? Modality { get; set; }

    [ModelBinder(typeof(PesoAmountModelBinder))]
    public decimal? TotalValue { get; set; }

    [ModelBinder(typeof(PesoAmountModelBinder))]
    public decimal? MonthlyFee { get; set; }

    public DateOnly? SignedOn { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public string? CdpNumber { get; set; }

    public string? RpNumber { get; set; }

    public bool RequiresElectronicInvoice { get; set; }

    public Guid? ContractorId { get; set; }

    public Guid? SupervisorId { get; set; }

    /// <summary>The version the admin loaded; only when editing.</summary>
    public Guid? ConcurrencyStamp { get; set; }

    public ContractDetails ToDetails() => new(
        Number ?? string.Empty,
        Purpose ?? string.Empty,
        Type!.Value,
        Modality!.Value,
        TotalValue!.Value,
        MonthlyFee,
        SignedOn!.Value,
        StartsOn!.Value,
        EndsOn!.Value,
        CdpNumber,
        RpNumber,
        RequiresElectronicInvoice);
}

/// <summary>Only what the form needs to build a <see cref="ContractDetails"/>; the rules themselves are the domain's.</summary>
public sealed class ContractInputValidator : AbstractValidator<ContractInput>
{
    public ContractInputValidator()
    {
        RuleFor(x => x.EntityId).NotNull().WithMessage("Seleccione la Entidad Estatal.");
        RuleFor(x => x.Number).NotEmpty().WithMessage("El número del contrato es obligatorio.");
        RuleFor(x => x.Purpose).NotEmpty().WithMessage("El objeto del contrato es obligatorio.");
        RuleFor(x => x.Type).NotNull().WithMessage("Seleccione el tipo de contrato.");
        RuleFor(x => x.Modality).NotNull().WithMessage("Seleccione la modalidad de contratación.");
        RuleFor(x => x.TotalValue).NotNull().WithMessage("Escriba el valor total del contrato, por ejemplo 27.000.000.");
        RuleFor(x => x.SignedOn).NotNull().WithMessage("Escriba la fecha de firma.");
        RuleFor(x => x.StartsOn).NotNull().WithMessage("Escriba la fecha de inicio.");
        RuleFor(x => x.EndsOn).NotNull().WithMessage("Escriba la fecha de terminación.");
        RuleFor(x => x.ContractorId).NotNull().WithMessage("Seleccione el contratista.");
        RuleFor(x => x.SupervisorId).NotNull().WithMessage("Seleccione el supervisor.");
    }
}

public sealed class ContractStatusInput
{
    public ContractStatus? NewStatus { get; set; }

    public Guid? ConcurrencyStamp { get; set; }
}

/// <summary>The contract's current state and where it may go next.</summary>
public sealed record ContractStatusPanel(int Id, string Number, ContractStatus Status, IReadOnlyList<ContractStatus> AllowedTransitions, Guid ConcurrencyStamp);

public sealed record ContractSnapshot(ContractInput Input, ContractStatusPanel Status);

public sealed class ContractFormPage
{
    public required ContractInput Input { get; init; }

    public required ContractFormOptions Options { get; init; }

    /// <summary>Null while creating.</summary>
    public ContractStatusPanel? Status { get; init; }

    public required ContractStatusInput StatusInput { get; init; }
}

public sealed record EntityOption(int Id, string Name, string Nit);

public sealed record PartyOption(Guid Id, string FullName, DocumentType? DocumentType, string? DocumentNumber, bool IsActive)
{
    public string Label
    {
        get
        {
            var document = DocumentType is { } type && !string.IsNullOrEmpty(DocumentNumber) ? $"{Abbreviation(type)} {DocumentNumber}" : "sin documento registrado";
            return IsActive ? $"{FullName} — {document}" : $"{FullName} — {document} (desactivado)";
        }
    }

    /// <summary>The short forms Colombian forms use: CC, CE, NIT, PA, PPT.</summary>
    private static string Abbreviation(DocumentType type) => type switch
    {
        Domain.Common.DocumentType.CedulaDeCiudadania => "CC",
        Domain.Common.DocumentType.CedulaDeExtranjeria => "CE",
        Domain.Common.DocumentType.Nit => "NIT",
        Domain.Common.DocumentType.Pasaporte => "PA",
        Domain.Common.DocumentType.PermisoPorProteccionTemporal => "PPT",
        _ => type.ToLabel(),
    };
}

public sealed record ContractFormOptions(IReadOnlyList<EntityOption> Entities, IReadOnlyList<PartyOption> Contractors, IReadOnlyList<PartyOption> Supervisors);

/// <summary>The selects of the contract form: every entity, and the active users of each role (plus whoever is assigned now).</summary>
public sealed class ContractFormOptionsQuery(PortalDbContext db)
{
    public async Task<ContractFormOptions> RunAsync(Guid? currentContractorId, Guid? currentSupervisorId, CancellationToken cancellationToken)
    {
        var entities = await db.PublicEntities.AsNoTracking()
            .OrderBy(e => e.Name)
            .Select(e => new EntityOption(e.Id, e.Name, e.Nit))
            .ToListAsync(cancellationToken);
        var contractors = await PartiesAsync(PortalRoles.Contractor, currentContractorId, cancellationToken);
        var supervisors = await PartiesAsync(PortalRoles.Supervisor, currentSupervisorId, cancellationToken);
        return new ContractFormOptions(entities, contractors, supervisors);
    }

    private Task<List<PartyOption>> PartiesAsync(string role, Guid? current, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking()
            .Where(u => (u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)))
                        || u.Id == current)
            .OrderBy(u => u.FullName)
            .Select(u => new PartyOption(u.Id, u.FullName, u.DocumentType, u.DocumentNumber, u.IsActive))
            .ToListAsync(cancellationToken);
}

/// <summary>The admin's contract list: every contract, filtered by state and entity, with the entity filter's options.</summary>
public sealed record AdminContractListPage(ContractListPage Contracts, IReadOnlyList<EntityOption> Entities);

/// <summary>Reads the shared contract list in the "all contracts" scope, plus the entities to filter by.</summary>
public sealed class AdminContractListQuery(PortalDbContext db, ContractListQuery contracts)
{
    public async Task<AdminContractListPage> RunAsync(Guid adminId, ContractStatus? status, int? entityId, int page, CancellationToken cancellationToken)
    {
        var list = await contracts.RunAsync(adminId, ContractListScope.All, status, page, cancellationToken, entityId);
        var entities = await db.PublicEntities.AsNoTracking()
            .OrderBy(e => e.Name)
            .Select(e => new EntityOption(e.Id, e.Name, e.Nit))
            .ToListAsync(cancellationToken);
        return new AdminContractListPage(list, entities);
    }
}

/// <summary>
/// Creates and edits contracts. Every rule that needs the database (the entity exists, the parties are
/// active users of the right role, the number is free in its entity) is checked together with the
/// domain's own, so the form shows all of them at once.
/// </summary>
public sealed class ContractAdministration(PortalDbContext db, TimeProvider clock, ILogger<ContractAdministration> logger)
{
    private sealed record Party(Guid Id, string FullName, PersonType? PersonType, bool IsActive, bool HasRole);

    public async Task<ContractSnapshot?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var c = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return null;
        }

        var input = new ContractInput
        {
            EntityId = c.EntityId,
            Number = c.Number,
            Purpose = c.Purpose,
            Type = c.Type,
            Modality = c.Modality,
            TotalValue = c.TotalValue,
            MonthlyFee = c.MonthlyFee,
            SignedOn = c.SignedOn,
            StartsOn = c.StartsOn,
            EndsOn = c.EndsOn,
            CdpNumber = c.CdpNumber,
            RpNumber = c.RpNumber,
            RequiresElectronicInvoice = c.RequiresElectronicInvoice,
            ContractorId = c.ContractorId,
            SupervisorId = c.SupervisorId,
            ConcurrencyStamp = c.ConcurrencyStamp,
        };
        return new ContractSnapshot(input, new ContractStatusPanel(c.Id, c.Number, c.Status, c.AllowedTransitions, c.ConcurrencyStamp));
    }

    public async Task<(int Id, string Number)> CreateAsync(ContractInput input, Guid adminId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rules = new RuleCollector();
        var details = await CheckAsync(input, contractId: null, rules, cancellationToken);
        var contractor = await CheckPartyAsync(input.ContractorId!.Value, PortalRoles.Contractor, nameof(ContractInput.ContractorId), rules, cancellationToken);
        await CheckPartyAsync(input.SupervisorId!.Value, PortalRoles.Supervisor, nameof(ContractInput.SupervisorId), rules, cancellationToken);
        rules.ThrowIfAny();

        var contract = new Contract(input.EntityId!.Value, details!, input.ContractorId.Value, contractor!.PersonType!.Value, input.SupervisorId.Value, clock.GetUtcNow().UtcDateTime);
        db.Contracts.Add(contract);
        await SaveAsync(details!.Number, cancellationToken);
        AdminLog.ContractCreated(logger, adminId, contract.Id, contract.Number);
        return (contract.Id, contract.Number);
    }

    /// <summary>Saves the form over the version the admin loaded; a newer version makes the save throw <see cref="DbUpdateConcurrencyException"/>.</summary>
    public async Task<bool> UpdateAsync(int id, ContractInput input, Guid adminId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
        {
            return false;
        }

        db.Entry(contract).Property(c => c.ConcurrencyStamp).OriginalValue = input.ConcurrencyStamp!.Value;
        var rules = new RuleCollector();
        var details = await CheckAsync(input, id, rules, cancellationToken);
        var contractorId = input.ContractorId!.Value;
        var supervisorId = input.SupervisorId!.Value;
        var contractorChanged = contractorId != contract.ContractorId;
        Party? contractor = null;
        if (contractorChanged)
        {
            contractor = await CheckPartyAsync(contractorId, PortalRoles.Contractor, nameof(ContractInput.ContractorId), rules, cancellationToken);
        }

        if (supervisorId != contract.SupervisorId)
        {
            await CheckPartyAsync(supervisorId, PortalRoles.Supervisor, nameof(ContractInput.SupervisorId), rules, cancellationToken);
        }

        rules.ThrowIfAny();

        contract.UpdateDetails(details!);
        contract.MoveToEntity(input.EntityId!.Value);

        // Swapping people: free the supervisor seat first when the new contractor is the current supervisor.
        if (contractorChanged && contractorId == contract.SupervisorId)
        {
            contract.AssignSupervisor(supervisorId);
            contract.AssignContractor(contractorId, contractor!.PersonType!.Value);
        }
        else
        {
            if (contractorChanged)
            {
                contract.AssignContractor(contractorId, contractor!.PersonType!.Value);
            }

            contract.AssignSupervisor(supervisorId);
        }

        await SaveAsync(details!.Number, cancellationToken);
        AdminLog.ContractUpdated(logger, adminId, contract.Id);
        return true;
    }

    /// <summary>Moves the contract to <paramref name="target"/> if its state allows it; returns the contract number, or null when it does not exist.</summary>
    public async Task<string?> ChangeStatusAsync(int id, ContractStatus target, Guid concurrencyStamp, Guid adminId, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
        {
            return null;
        }

        db.Entry(contract).Property(c => c.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        var from = contract.Status;
        contract.ChangeStatus(target);
        await db.SaveChangesAsync(cancellationToken);
        AdminLog.ContractStatusChanged(logger, adminId, contract.Id, from, target);
        return contract.Number;
    }

    /// <summary>The domain's detail rules, the entity and the number's uniqueness; returns the validated details when they are valid.</summary>
    private async Task<ContractDetails?> CheckAsync(ContractInput input, int? contractId, RuleCollector rules, CancellationToken cancellationToken)
    {
        ContractDetails? details = null;
        try
        {
            details = input.ToDetails().Validated();
        }
        catch (DomainValidationException exception)
        {
            foreach (var violation in exception.Violations)
            {
                rules.Add(violation.Field, violation.Message);
            }
        }

        // The number's uniqueness is checked even when other fields fail, so every message shows at once.
        var number = (input.Number ?? string.Empty).Trim();
        var entityId = input.EntityId!.Value;
        if (!await db.PublicEntities.AnyAsync(e => e.Id == entityId, cancellationToken))
        {
            rules.Add(nameof(ContractInput.EntityId), "Seleccione una Entidad Estatal de la lista.");
        }
        else if (number.Length > 0
                 && await db.Contracts.AnyAsync(c => c.EntityId == entityId && c.Number == number && c.Id != contractId, cancellationToken))
        {
            rules.Add(nameof(ContractInput.Number), DuplicateNumberMessage(number));
        }

        return details;
    }

    private async Task<Party?> CheckPartyAsync(Guid userId, string role, string field, RuleCollector rules, CancellationToken cancellationToken)
    {
        var party = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new Party(
                u.Id,
                u.FullName,
                u.PersonType,
                u.IsActive,
                db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role))))
            .FirstOrDefaultAsync(cancellationToken);
        var roleLabel = role == PortalRoles.Contractor ? "contratista" : "supervisor";
        if (party is null || !party.HasRole)
        {
            rules.Add(field, $"Seleccione un {roleLabel} de la lista.");
            return null;
        }

        if (!party.IsActive)
        {
            rules.Add(field, $"«{party.FullName}» tiene la cuenta desactivada. Seleccione un {roleLabel} activo.");
            return null;
        }

        if (role == PortalRoles.Contractor && party.PersonType is null)
        {
            rules.Add(field, $"«{party.FullName}» no tiene tipo de persona (natural o jurídica). Complételo en Usuarios antes de asignarle un contrato.");
            return null;
        }

        return party;
    }

    private async Task SaveAsync(string number, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException && DatabaseErrors.IsUniqueViolation(exception))
        {
            // Someone registered the same number in the same entity between our check and our save.
            throw new DomainValidationException([new RuleViolation(nameof(ContractInput.Number), DuplicateNumberMessage(number))]);
        }
    }

    private static string DuplicateNumberMessage(string number) =>
        $"Ya existe un contrato con el número «{number}» en esta Entidad Estatal.";
}
