using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.Entities;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.Contracts;
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

/// <summary>The contract form. Property names match <see cref="ContractDetails"/> so the domain's violations land next to their fields.</summary>
public sealed class ContractInput
{
    /// <summary>The entity's NIT, with its check digit ("899999001-7", "899.999.001-7" or "8999990017").</summary>
    public string? EntityNit { get; set; }

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

    /// <summary>The contractor's e-mail or document number.</summary>
    public string? Contractor { get; set; }

    /// <summary>The supervisor's e-mail or document number.</summary>
    public string? Supervisor { get; set; }

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
        RuleFor(x => x.EntityNit).NotEmpty().WithMessage("Escriba el NIT de la Entidad Estatal.");
        RuleFor(x => x.Number).NotEmpty().WithMessage("El número del contrato es obligatorio.");
        RuleFor(x => x.Purpose).NotEmpty().WithMessage("El objeto del contrato es obligatorio.");
        RuleFor(x => x.Type).NotNull().WithMessage("Seleccione el tipo de contrato.");
        RuleFor(x => x.Modality).NotNull().WithMessage("Seleccione la modalidad de contratación.");
        RuleFor(x => x.TotalValue).NotNull().WithMessage("Escriba el valor total del contrato, por ejemplo 27.000.000.");
        RuleFor(x => x.SignedOn).NotNull().WithMessage("Escriba la fecha de firma.");
        RuleFor(x => x.StartsOn).NotNull().WithMessage("Escriba la fecha de inicio.");
        RuleFor(x => x.EndsOn).NotNull().WithMessage("Escriba la fecha de terminación.");
        RuleFor(x => x.Contractor).NotEmpty().WithMessage("Escriba el correo electrónico o el número de documento del contratista.");
        RuleFor(x => x.Supervisor).NotEmpty().WithMessage("Escriba el correo electrónico o el número de documento del supervisor.");
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

    /// <summary>Who and what the typed NIT and e-mails stand for now, shown under each field.</summary>
    public required ContractParties Parties { get; init; }

    /// <summary>Null while creating.</summary>
    public ContractStatusPanel? Status { get; init; }

    public required ContractStatusInput StatusInput { get; init; }
}

public sealed record EntityOption(int Id, string Name, string Nit);

/// <summary>A person as the contract form names them under the field: "María Fernanda Torres León — CC 52123456".</summary>
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

/// <summary>What the form's NIT and the two people's e-mails or documents stand for, when each names exactly one entity, or one user of the role.</summary>
public sealed record ContractParties(EntityOption? Entity, PartyOption? Contractor, PartyOption? Supervisor);

/// <summary>
/// How the contract form names its entity and people at national size: not a list of 20,000 entities and 1.5 million
/// users, but the NIT and an e-mail or document number typed by the admin, each read with one indexed lookup.
/// </summary>
public sealed class ContractPartiesQuery(PortalDbContext db)
{
    public async Task<ContractParties> RunAsync(ContractInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var entity = await PartyLookup.EntityAsync(db, input.EntityNit, cancellationToken);
        var contractor = (await PartyLookup.PeopleAsync(db, input.Contractor, PortalRoles.Contractor, cancellationToken)).Where(p => p.HasRole).ToList();
        var supervisor = (await PartyLookup.PeopleAsync(db, input.Supervisor, PortalRoles.Supervisor, cancellationToken)).Where(p => p.HasRole).ToList();
        return new ContractParties(
            entity is null ? null : new EntityOption(entity.Id, entity.Name, entity.Nit),
            contractor.Count == 1 ? contractor[0].Option : null,
            supervisor.Count == 1 ? supervisor[0].Option : null);
    }
}

/// <summary>A user found by e-mail or document number, with what the contract rules need to know about them.</summary>
internal sealed record Party(Guid Id, string FullName, string? Email, PersonType? PersonType, DocumentType? DocumentType, string? DocumentNumber, bool IsActive, bool HasRole)
{
    public PartyOption Option => new(Id, FullName, DocumentType, DocumentNumber, IsActive);
}

/// <summary>Finds the entity by its NIT and the people by e-mail (Identity's normalized e-mail) or document number.</summary>
internal static class PartyLookup
{
    /// <summary>The entity with that NIT: with its check digit, or its base digits alone.</summary>
    public static async Task<PublicEntity?> EntityAsync(PortalDbContext db, string? typed, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var entities = db.PublicEntities.AsNoTracking();
        try
        {
            var nit = NitNumber.Normalize(typed);
            return await entities.FirstOrDefaultAsync(e => e.Nit == nit, cancellationToken);
        }
        catch (DomainException)
        {
            var digits = typed.Replace(".", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
            return digits.Length is >= 6 and <= 15 && digits.All(char.IsAsciiDigit)
                ? await entities.WhereStartsWith(e => e.Nit, digits + "-").FirstOrDefaultAsync(cancellationToken)
                : null;
        }
    }

    /// <summary>The users with that e-mail, or with that document number (at most a few).</summary>
    public static async Task<List<Party>> PeopleAsync(PortalDbContext db, string? typed, string role, CancellationToken cancellationToken)
    {
        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var users = db.Users.AsNoTracking();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            var email = text.ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail == email);
        }
        else
        {
            var document = text.Replace(".", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
            users = users.Where(u => u.DocumentNumber == document);
        }

        return await users
            .Take(5)
            .Select(u => new Party(
                u.Id,
                u.FullName,
                u.Email,
                u.PersonType,
                u.DocumentType,
                u.DocumentNumber,
                u.IsActive,
                db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role))))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>What the admin's search box was read as.</summary>
public enum ContractSearchKind
{
    None = 0,

    /// <summary>The beginning of a contract number ("CO1.PCCNTR.1297…").</summary>
    Number = 1,

    /// <summary>The NIT of an entity: its contracts.</summary>
    EntityNit = 2,
}

/// <summary>The admin's contract list: the page, the search as it was read, and the entity it is narrowed to (name and NIT, for the filter's label).</summary>
public sealed record AdminContractListPage(ContractListPage Contracts, string? Search, ContractSearchKind SearchKind, ContractStatus? Status, int? EntityId, EntityOption? Entity)
{
    public bool IsFiltered => SearchKind != ContractSearchKind.None || Status is not null || EntityId is not null;
}

/// <summary>
/// Every contract, narrowed by state, by entity (an id from the Entidades list, or the NIT typed in the search box)
/// and by the beginning of the number. A term of digits (with or without dots and check digit) is a NIT when an
/// entity has it, otherwise the beginning of a number; anything else is the beginning of a number, as typed or, when
/// that finds nothing, in capitals ("co1.pccntr.1297" finds "CO1.PCCNTR.129716").
/// </summary>
public sealed class AdminContractListQuery(PortalDbContext db, ContractListQuery contracts)
{
    public async Task<AdminContractListPage> RunAsync(string? search, ContractStatus? status, int? entityId, PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            var all = await contracts.AllAsync(new ContractFilter(status, entityId), request, cancellationToken);
            return new AdminContractListPage(all, null, ContractSearchKind.None, status, entityId, await EntityAsync(entityId, cancellationToken));
        }

        if (NitSearch.TryParse(term, out var nit) && await EntityByNitAsync(nit, cancellationToken) is { } owner)
        {
            var ofEntity = await contracts.AllAsync(new ContractFilter(status, owner.Id), request, cancellationToken);
            return new AdminContractListPage(ofEntity, term, ContractSearchKind.EntityNit, status, owner.Id, owner);
        }

        var page = await contracts.AllAsync(new ContractFilter(status, entityId, term), request, cancellationToken);
        var upper = term.ToUpperInvariant();
        if (page.Rows.Count == 0 && request.IsFirst && upper != term)
        {
            term = upper;
            page = await contracts.AllAsync(new ContractFilter(status, entityId, term), request, cancellationToken);
        }

        return new AdminContractListPage(page, term, ContractSearchKind.Number, status, entityId, await EntityAsync(entityId, cancellationToken));
    }

    /// <summary>The entity whose NIT is the one typed: exactly, or its base digits without the check digit.</summary>
    private Task<EntityOption?> EntityByNitAsync(NitSearch nit, CancellationToken cancellationToken)
    {
        var withCheckDigit = nit.Prefix.Contains('-', StringComparison.Ordinal) ? nit.Prefix : nit.WithCheckDigit;
        var baseOnly = nit.Prefix.Contains('-', StringComparison.Ordinal) ? null : nit.Prefix + "-";
        var entities = db.PublicEntities.AsNoTracking();
        if (baseOnly is not null)
        {
            var byBase = PrefixSearchExtensions.StartsWith<PublicEntity>(e => e.Nit, baseOnly);
            entities = withCheckDigit is null
                ? entities.Where(byBase)
                : entities.Where(byBase).Concat(db.PublicEntities.AsNoTracking().Where(e => e.Nit == withCheckDigit));
        }
        else
        {
            entities = entities.Where(e => e.Nit == withCheckDigit);
        }

        return entities.Select(e => new EntityOption(e.Id, e.Name, e.Nit)).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<EntityOption?> EntityAsync(int? entityId, CancellationToken cancellationToken) =>
        entityId is { } id
            ? await db.PublicEntities.AsNoTracking().Where(e => e.Id == id).Select(e => new EntityOption(e.Id, e.Name, e.Nit)).FirstOrDefaultAsync(cancellationToken)
            : null;
}

/// <summary>
/// Creates and edits contracts. Every rule that needs the database (the entity exists, the parties are
/// active users of the right role, the number is free in its entity) is checked together with the
/// domain's own, so the form shows all of them at once.
/// </summary>
public sealed class ContractAdministration(PortalDbContext db, Changes changes, TimeProvider clock, ILogger<ContractAdministration> logger)
{
    public async Task<ContractSnapshot?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var found = await db.Contracts.AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new
            {
                Contract = x,
                EntityNit = db.PublicEntities.Where(e => e.Id == x.EntityId).Select(e => e.Nit).FirstOrDefault(),
                ContractorEmail = db.Users.Where(u => u.Id == x.ContractorId).Select(u => u.Email).FirstOrDefault(),
                SupervisorEmail = db.Users.Where(u => u.Id == x.SupervisorId).Select(u => u.Email).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var c = found.Contract;
        var input = new ContractInput
        {
            EntityNit = found.EntityNit,
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
            Contractor = found.ContractorEmail,
            Supervisor = found.SupervisorEmail,
            ConcurrencyStamp = c.ConcurrencyStamp,
        };
        return new ContractSnapshot(input, new ContractStatusPanel(c.Id, c.Number, c.Status, c.AllowedTransitions, c.ConcurrencyStamp));
    }

    public async Task<(int Id, string Number)> CreateAsync(ContractInput input, Guid adminId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rules = new RuleCollector();
        var (entityId, details) = await CheckAsync(input, contractId: null, rules, cancellationToken);
        var contractor = await CheckPartyAsync(input.Contractor, PortalRoles.Contractor, nameof(ContractInput.Contractor), current: null, rules, cancellationToken);
        var supervisor = await CheckPartyAsync(input.Supervisor, PortalRoles.Supervisor, nameof(ContractInput.Supervisor), current: null, rules, cancellationToken);
        rules.ThrowIfAny();

        var contract = OnPartyFields(() => new Contract(entityId!.Value, details!, contractor!.Id, contractor.PersonType!.Value, supervisor!.Id, clock.GetUtcNow().UtcDateTime));
        db.Contracts.Add(contract);
        await using var change = changes.Begin();
        await SaveAsync(change, details!.Number, cancellationToken);
        AdminLog.ContractCreated(logger, adminId, contract.Id, contract.Number);
        return (contract.Id, contract.Number);
    }

    /// <summary>Saves the form over the version the admin loaded; a newer version is a <see cref="ConcurrentChangeException"/>.</summary>
    public async Task<bool> UpdateAsync(int id, ContractInput input, Guid adminId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
        {
            return false;
        }

        await using var change = changes.Begin();
        change.ExpectVersion(contract, input.ConcurrencyStamp);
        var rules = new RuleCollector();
        var (entityId, details) = await CheckAsync(input, id, rules, cancellationToken);

        // The people already on the contract stay valid even if since deactivated; only a newcomer is checked.
        var contractor = await CheckPartyAsync(input.Contractor, PortalRoles.Contractor, nameof(ContractInput.Contractor), contract.ContractorId, rules, cancellationToken);
        var supervisor = await CheckPartyAsync(input.Supervisor, PortalRoles.Supervisor, nameof(ContractInput.Supervisor), contract.SupervisorId, rules, cancellationToken);
        rules.ThrowIfAny();

        var contractorId = contractor!.Id;
        var supervisorId = supervisor!.Id;
        var contractorChanged = contractorId != contract.ContractorId;
        contract.UpdateDetails(details!);
        contract.MoveToEntity(entityId!.Value);
        OnPartyFields(() =>
        {
            // Swapping people: free the supervisor seat first when the new contractor is the current supervisor.
            if (contractorChanged && contractorId == contract.SupervisorId)
            {
                contract.AssignSupervisor(supervisorId);
                contract.AssignContractor(contractorId, contractor.PersonType!.Value);
            }
            else
            {
                if (contractorChanged)
                {
                    contract.AssignContractor(contractorId, contractor.PersonType!.Value);
                }

                contract.AssignSupervisor(supervisorId);
            }

            return contract;
        });

        await SaveAsync(change, details!.Number, cancellationToken);
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

        await using var change = changes.Begin();
        change.ExpectVersion(contract, concurrencyStamp);
        var from = contract.Status;
        contract.ChangeStatus(target);
        await change.CommitAsync(cancellationToken);
        AdminLog.ContractStatusChanged(logger, adminId, contract.Id, from, target);
        return contract.Number;
    }

    /// <summary>The domain's detail rules, the entity (by NIT) and the number's uniqueness; returns the entity and the validated details when they are valid.</summary>
    private async Task<(int? EntityId, ContractDetails? Details)> CheckAsync(ContractInput input, int? contractId, RuleCollector rules, CancellationToken cancellationToken)
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
        var entity = await PartyLookup.EntityAsync(db, input.EntityNit, cancellationToken);
        if (entity is null)
        {
            rules.Add(nameof(ContractInput.EntityNit), UnknownNitMessage(input.EntityNit));
            return (null, details);
        }

        if (number.Length > 0
            && await db.Contracts.AnyAsync(c => c.EntityId == entity.Id && c.Number == number && c.Id != contractId, cancellationToken))
        {
            rules.Add(nameof(ContractInput.Number), DuplicateNumberMessage(number));
        }

        return (entity.Id, details);
    }

    private static string UnknownNitMessage(string? typed)
    {
        try
        {
            return $"No hay una Entidad Estatal con el NIT {NitNumber.Normalize(typed)}. Regístrela primero en Entidades Estatales.";
        }
        catch (DomainException exception)
        {
            // Not a NIT at all: say why (wrong check digit, too few digits).
            return exception.Message;
        }
    }

    /// <summary>
    /// The person the admin named by e-mail or document number, if they may take the role: they exist, have the
    /// role, are active and (contractors) have a person type. <paramref name="current"/> is whoever holds the seat
    /// now, who may stay even if since deactivated.
    /// </summary>
    private async Task<Party?> CheckPartyAsync(string? typed, string role, string field, Guid? current, RuleCollector rules, CancellationToken cancellationToken)
    {
        var roleLabel = role == PortalRoles.Contractor ? "contratista" : "supervisor";
        var byEmail = typed?.Contains('@', StringComparison.Ordinal) == true;
        var how = byEmail ? "ese correo" : "ese número de documento";
        var people = await PartyLookup.PeopleAsync(db, typed, role, cancellationToken);
        if (people.FirstOrDefault(p => p.Id == current) is { } incumbent)
        {
            return incumbent;
        }

        var candidates = people.Where(p => p.HasRole).ToList();
        if (candidates.Count == 0)
        {
            rules.Add(field, people.Count == 0
                ? $"No hay un {roleLabel} activo con {how}."
                : $"«{people[0].FullName}» no tiene el rol {(role == PortalRoles.Contractor ? "Contratista" : "Supervisor")}. Asígneselo en Usuarios o escriba el de un {roleLabel}.");
            return null;
        }

        if (candidates.Count > 1)
        {
            rules.Add(field, $"Hay {candidates.Count} usuarios con {how}. Escriba el correo electrónico del {roleLabel}.");
            return null;
        }

        var party = candidates[0];
        if (!party.IsActive)
        {
            rules.Add(field, $"«{party.FullName}» tiene la cuenta desactivada. Escriba el correo de un {roleLabel} activo.");
            return null;
        }

        if (role == PortalRoles.Contractor && party.PersonType is null)
        {
            rules.Add(field, $"«{party.FullName}» no tiene tipo de persona (natural o jurídica). Complételo en Usuarios antes de asignarle un contrato.");
            return null;
        }

        return party;
    }

    /// <summary>Runs a change of the contract's people, moving the domain's messages from its id fields to the form's fields.</summary>
    private static T OnPartyFields<T>(Func<T> change)
    {
        try
        {
            return change();
        }
        catch (DomainValidationException exception)
        {
            throw new DomainValidationException(exception.Violations
                .Select(v => v.Field switch
                {
                    nameof(Contract.ContractorId) => v with { Field = nameof(ContractInput.Contractor) },
                    nameof(Contract.SupervisorId) => v with { Field = nameof(ContractInput.Supervisor) },
                    _ => v,
                })
                .ToList());
        }
    }

    private static async Task SaveAsync(ChangeScope change, string number, CancellationToken cancellationToken)
    {
        try
        {
            await change.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Someone registered the same number in the same entity between our check and our save.
            throw new DomainValidationException([new RuleViolation(nameof(ContractInput.Number), DuplicateNumberMessage(number))]);
        }
    }

    private static string DuplicateNumberMessage(string number) =>
        $"Ya existe un contrato con el número «{number}» en esta Entidad Estatal.";
}
