using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Features.Admin;

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
