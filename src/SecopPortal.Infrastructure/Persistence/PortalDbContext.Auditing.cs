using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.Entities;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Auditing;
using SecopPortal.Infrastructure.Identity;

namespace SecopPortal.Infrastructure.Persistence;

/// <summary>
/// The changes the audit log records by itself, in the same transaction as the change (ADR 0020): every payment-request
/// transition (each history entry the domain adds) and deletion, every contract created or changed, every user created
/// or changed, every role granted or revoked, every Entidad Estatal created or changed (its required documents too) and
/// every change to the national holidays, whichever screen, handler or command made them. Whatever saves through
/// this context is recorded; nothing saved here can skip it. Sign-ins and downloads change nothing and are recorded by
/// the web layer (<c>AuditTrail</c>).
/// </summary>
public sealed partial class PortalDbContext
{
    /// <summary>The message of the guard that refuses to modify or delete an audit entry.</summary>
    public const string AuditLogIsAppendOnly = "El registro de auditoría solo admite entradas nuevas: no se modifica ni se borra.";

    private static readonly Dictionary<string, string> ContractFields = new(StringComparer.Ordinal)
    {
        [nameof(Contract.Number)] = "Número del contrato",
        [nameof(Contract.EntityId)] = "Entidad Estatal",
        [nameof(Contract.Purpose)] = "Objeto",
        [nameof(Contract.Type)] = "Tipo de contrato",
        [nameof(Contract.Modality)] = "Modalidad",
        [nameof(Contract.TotalValue)] = "Valor total",
        [nameof(Contract.MonthlyFee)] = "Valor mensual pactado",
        [nameof(Contract.SignedOn)] = "Fecha de firma",
        [nameof(Contract.StartsOn)] = "Fecha de inicio",
        [nameof(Contract.EndsOn)] = "Fecha de terminación",
        [nameof(Contract.CdpNumber)] = "CDP",
        [nameof(Contract.RpNumber)] = "RP",
        [nameof(Contract.Status)] = "Estado",
        [nameof(Contract.RequiresElectronicInvoice)] = "Obligado a facturar electrónicamente",
        [nameof(Contract.ContractorId)] = "Contratista",
        [nameof(Contract.SupervisorId)] = "Supervisor",
    };

    private static readonly Dictionary<string, string> EntityFields = new(StringComparer.Ordinal)
    {
        [nameof(PublicEntity.Name)] = "Nombre",
        [nameof(PublicEntity.Nit)] = "NIT",
        [nameof(PublicEntity.FirstPaymentDocuments)] = "Documentos del primer pago",
        [nameof(PublicEntity.LaterPaymentDocuments)] = "Documentos de los pagos siguientes",
    };

    private static readonly Dictionary<string, string> UserFields = new(StringComparer.Ordinal)
    {
        [nameof(ApplicationUser.FullName)] = "Nombre",
        [nameof(ApplicationUser.Email)] = "Correo electrónico",
        [nameof(ApplicationUser.PersonType)] = "Tipo de persona",
        [nameof(ApplicationUser.DocumentType)] = "Tipo de documento",
        [nameof(ApplicationUser.DocumentNumber)] = "Número de documento",
        [nameof(ApplicationUser.PhoneNumber)] = "Teléfono",
    };

    /// <summary>The audit entries this save owes, read from the tracked changes before the save.</summary>
    private PendingAudit AuditFacts()
    {
        var pending = new PendingAudit();
        var actor = ApplicationServices()?.GetService<IAuditActorSource>()?.Current;
        var nowUtc = (ApplicationServices()?.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var entries = ChangeTracker.Entries().ToList();
        var addedTransitions = entries
            .Where(e => e.Entity is PaymentRequestTransition && e.State == EntityState.Added)
            .Select(e => e.Entity)
            .ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case AuditEntry when entry.State is EntityState.Modified or EntityState.Deleted:
                    throw new InvalidOperationException(AuditLogIsAppendOnly);
                case PaymentRequest request when entry.State == EntityState.Deleted:
                {
                    var (id, contractId, sequence) = (request.Id, request.ContractId, request.Sequence);
                    pending.Add(_ => Entry(AuditKind.PaymentRequestDeleted, actor, nowUtc, actor?.UserId, $"Id de pago {Number(sequence)}: borrada antes de enviarla.")
                        .About(contractId: contractId, paymentRequestId: id));
                    break;
                }

                case PaymentRequest request:
                    foreach (var transition in request.History)
                    {
                        if (addedTransitions.Contains(transition))
                        {
                            pending.Add(_ => Entry(KindOf(transition), actor, transition.AtUtc, transition.ByUserId, TransitionDetail(request, transition))
                                .About(contractId: request.ContractId, paymentRequestId: request.Id));
                        }
                    }

                    break;
                case Contract contract when entry.State == EntityState.Added:
                    pending.Add(_ => Entry(AuditKind.ContractCreated, actor, nowUtc, actor?.UserId,
                            $"Contrato {contract.Number}, estado {contract.Status.ToLabel()}, valor total {Money(contract.TotalValue)}.")
                        .About(contractId: contract.Id));
                    break;
                case Contract contract when entry.State == EntityState.Modified:
                {
                    var changes = Changes(entry, ContractFields, ContractValue);
                    if (changes.Count > 0)
                    {
                        var statusChanged = entry.Property(nameof(Contract.Status)).IsModified
                                            && !Equals(entry.Property(nameof(Contract.Status)).OriginalValue, entry.Property(nameof(Contract.Status)).CurrentValue);
                        var text = $"Contrato {contract.Number}: {string.Join("; ", changes)}.";
                        pending.Add(_ => Entry(statusChanged ? AuditKind.ContractStatusChanged : AuditKind.ContractChanged, actor, nowUtc, actor?.UserId, text)
                            .About(contractId: contract.Id));
                    }

                    break;
                }

                case PublicEntity entity when entry.State == EntityState.Added:
                    pending.Add(_ => Entry(AuditKind.EntityCreated, actor, nowUtc, actor?.UserId, $"{entity.Name} (NIT {entity.Nit}, Id {Number(entity.Id)})."));
                    break;
                case PublicEntity entity when entry.State == EntityState.Modified:
                {
                    var changes = Changes(entry, EntityFields, (_, value) => value is null ? "(reglas del portal)" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                    if (changes.Count > 0)
                    {
                        var text = $"{entity.Name} (NIT {entity.Nit}, Id {Number(entity.Id)}): {string.Join("; ", changes)}.";
                        pending.Add(_ => Entry(AuditKind.EntityChanged, actor, nowUtc, actor?.UserId, text));
                    }

                    break;
                }

                case HolidayChange change when entry.State == EntityState.Added:
                    pending.Add(_ => Entry(AuditKind.HolidaysChanged, actor, nowUtc, actor?.UserId,
                        $"{(change.Kind == HolidayChangeKind.Addition ? "Festivo agregado" : "Festivo retirado")}: {Day(change.Date)} {change.Name}. Norma o motivo: {change.LegalBasis}"));
                    break;
                case HolidayChange change when entry.State == EntityState.Modified && change.WithdrawnAtUtc is not null:
                    pending.Add(_ => Entry(AuditKind.HolidaysChanged, actor, nowUtc, actor?.UserId,
                        $"Cambio deshecho ({(change.Kind == HolidayChangeKind.Addition ? "festivo agregado" : "festivo retirado")}): {Day(change.Date)} {change.Name}. Motivo: {change.WithdrawalReason}"));
                    break;
                case ApplicationUser user when entry.State == EntityState.Added:
                    pending.Add(_ => Entry(AuditKind.UserCreated, actor, nowUtc, actor?.UserId, $"{user.FullName} <{user.Email}>.")
                        .About(subjectUserId: user.Id));
                    break;
                case ApplicationUser user when entry.State == EntityState.Modified:
                {
                    var changes = UserChanges(entry, nowUtc);
                    if (changes.Count > 0)
                    {
                        var text = $"{user.FullName} <{user.Email}>: {string.Join("; ", changes)}.";
                        pending.Add(_ => Entry(AuditKind.UserChanged, actor, nowUtc, actor?.UserId, text).About(subjectUserId: user.Id));
                    }

                    break;
                }

                case IdentityUserRole<Guid> role when entry.State is EntityState.Added or EntityState.Deleted:
                {
                    var granted = entry.State == EntityState.Added;
                    var (userId, roleId) = (role.UserId, role.RoleId);
                    pending.AddRole(roleId, names => Entry(granted ? AuditKind.RoleGranted : AuditKind.RoleRevoked, actor, nowUtc, actor?.UserId,
                            $"{(granted ? "Rol asignado" : "Rol retirado")}: {(names.TryGetValue(roleId, out var name) ? name : roleId.ToString())}.")
                        .About(subjectUserId: userId));
                    break;
                }
            }
        }

        return pending;
    }

    private IServiceProvider? ApplicationServices() =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;

    private static AuditEntry Entry(AuditKind kind, AuditActor? actor, DateTime atUtc, Guid? actorId, string detail) =>
        new(kind, atUtc, actorId, actor is not null && actor.UserId == actorId ? actor.Email : null, actor?.Address, detail);

    private static AuditKind KindOf(PaymentRequestTransition transition) => transition.Action switch
    {
        PaymentRequestActions.Create => AuditKind.PaymentRequestCreated,
        PaymentRequestActions.Confirm => AuditKind.PaymentRequestConfirmed,
        PaymentRequestActions.Reopen => AuditKind.PaymentRequestReopened,
        PaymentRequestActions.Send => AuditKind.PaymentRequestSent,
        PaymentRequestActions.Reject => AuditKind.PaymentRequestRejected,
        PaymentRequestActions.EditAfterRejection => AuditKind.PaymentRequestEditedAfterRejection,
        PaymentRequestActions.Approve => AuditKind.PaymentRequestApproved,
        PaymentRequestActions.MarkPaid => AuditKind.PaymentRequestPaid,
        _ => throw new InvalidOperationException($"No audit kind for the payment-request action '{transition.Action}'."),
    };

    private static string TransitionDetail(PaymentRequest request, PaymentRequestTransition transition)
    {
        var from = transition.From is { } f ? f.ToLabel() : "(nueva)";
        var reason = string.IsNullOrEmpty(transition.Reason) ? string.Empty : $" Motivo: {transition.Reason}";
        return $"Id de pago {Number(request.Sequence)} · {transition.Action}: {from} → {transition.To.ToLabel()}.{reason}";
    }

    private static List<string> Changes(EntityEntry entry, Dictionary<string, string> labels, Func<string, object?, string> value)
    {
        var changes = new List<string>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (property.IsModified && labels.TryGetValue(name, out var label) && !Equals(property.OriginalValue, property.CurrentValue))
            {
                changes.Add($"{label}: {value(name, property.OriginalValue)} → {value(name, property.CurrentValue)}");
            }
        }

        return changes;
    }

    private static string ContractValue(string property, object? value) => value switch
    {
        null => "(vacío)",
        ContractStatus status => status.ToLabel(),
        ContractType type => type.ToLabel(),
        ContractModality modality => modality.ToLabel(),
        decimal amount => Money(amount),
        DateOnly date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        bool flag => flag ? "Sí" : "No",
        _ when property == nameof(Contract.Purpose) => "(texto cambiado)",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static List<string> UserChanges(EntityEntry entry, DateTime nowUtc)
    {
        var changes = Changes(entry, UserFields, (_, value) => value switch
        {
            null => "(vacío)",
            Domain.Common.PersonType type => Domain.Common.PersonLabels.ToLabel(type),
            Domain.Common.DocumentType type => Domain.Common.PersonLabels.ToLabel(type),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        });
        if (Changed(entry, nameof(ApplicationUser.IsActive)))
        {
            changes.Add((bool)entry.Property(nameof(ApplicationUser.IsActive)).CurrentValue! ? "reactivado" : "desactivado");
        }

        if (Changed(entry, nameof(ApplicationUser.PasswordHash)))
        {
            changes.Add("contraseña cambiada");
        }

        if (Changed(entry, nameof(ApplicationUser.LockoutEnd)))
        {
            changes.Add(entry.Property(nameof(ApplicationUser.LockoutEnd)).CurrentValue is DateTimeOffset until && until.UtcDateTime > nowUtc
                ? $"bloqueado hasta {BogotaTime.ToBogota(until.UtcDateTime).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)} (hora de Bogotá)"
                : "desbloqueado");
        }

        return changes;
    }

    private static bool Changed(EntityEntry entry, string property)
    {
        var p = entry.Property(property);
        return p.IsModified && !Equals(p.OriginalValue, p.CurrentValue);
    }

    private static string Money(decimal amount) =>
        "$ " + amount.ToString("#,##0.##", CultureInfo.InvariantCulture).Replace(',', '.');

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private Dictionary<Guid, string> RoleNames(IReadOnlyCollection<Guid> ids) =>
        Roles.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionary(r => r.Id, r => r.Name ?? string.Empty);

    private Task<Dictionary<Guid, string>> RoleNamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        Roles.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name ?? string.Empty, cancellationToken);

    /// <summary>The entries a save owes: each written once the change is saved (its new ids known).</summary>
    private sealed class PendingAudit
    {
        private readonly List<Func<IReadOnlyDictionary<Guid, string>, AuditEntry>> _entries = [];
        private readonly HashSet<Guid> _roleIds = [];

        public bool IsEmpty => _entries.Count == 0;

        public bool NeedsRoleNames => _roleIds.Count > 0;

        public IReadOnlyCollection<Guid> RoleIds => _roleIds;

        public void Add(Func<IReadOnlyDictionary<Guid, string>, AuditEntry> entry) => _entries.Add(entry);

        public void AddRole(Guid roleId, Func<IReadOnlyDictionary<Guid, string>, AuditEntry> entry)
        {
            _roleIds.Add(roleId);
            _entries.Add(entry);
        }

        public List<AuditEntry> Write(IReadOnlyDictionary<Guid, string> roleNames) => _entries.Select(e => e(roleNames)).ToList();
    }
}
