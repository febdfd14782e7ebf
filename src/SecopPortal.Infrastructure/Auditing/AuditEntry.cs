namespace SecopPortal.Infrastructure.Auditing;

/// <summary>
/// One line of the audit log (docs/adr/0020-audit-log.md): what happened (<see cref="Kind"/>), when, who did it and from
/// which address, and what it touched (a contract, a payment request, a user). Append-only: the portal only ever adds
/// entries (<c>PortalDbContext</c> refuses to save a modified or deleted one) and the database refuses UPDATE
/// and DELETE on the table (triggers of the AuditLog migration). The names are snapshots, so an entry stays readable
/// when the user changes their e-mail; there are no foreign keys, so an entry outlives a deleted payment request.
/// </summary>
public sealed class AuditEntry
{
    public const int EmailMaxLength = 256;
    public const int AddressMaxLength = 45;
    public const int DetailMaxLength = 1000;

    private AuditEntry()
    {
        Detail = string.Empty;
    }

    public AuditEntry(AuditKind kind, DateTime occurredAtUtc, Guid? actorId, string? actorEmail, string? clientAddress, string detail)
    {
        Kind = kind;

        // Microseconds: what PostgreSQL keeps, so the value read back is the value written (keyset cursors compare it).
        OccurredAtUtc = new DateTime(occurredAtUtc.Ticks - (occurredAtUtc.Ticks % 10), DateTimeKind.Utc);
        ActorId = actorId;
        ActorEmail = Clip(actorEmail, EmailMaxLength);
        ClientAddress = Clip(clientAddress, AddressMaxLength);
        Detail = Clip(detail, DetailMaxLength) ?? string.Empty;
    }

    public long Id { get; private set; }

    public DateTime OccurredAtUtc { get; private set; }

    public AuditKind Kind { get; private set; }

    /// <summary>
    /// Who acted: the signed-in user; for a sign-in, the account whose e-mail was typed (null when no account has it);
    /// null for the system (the command line, the demo seed).
    /// </summary>
    public Guid? ActorId { get; private set; }

    /// <summary>The actor's e-mail when it happened; for a sign-in, the e-mail as typed (never the password).</summary>
    public string? ActorEmail { get; private set; }

    /// <summary>The client's IP address (after the trusted forwarded headers), null outside a web request.</summary>
    public string? ClientAddress { get; private set; }

    public int? ContractId { get; private set; }

    public int? PaymentRequestId { get; private set; }

    /// <summary>The user a user or role change is about.</summary>
    public Guid? SubjectUserId { get; private set; }

    /// <summary>What happened, in Spanish, for the auditor.</summary>
    public string Detail { get; private set; }

    public AuditEntry About(int? contractId = null, int? paymentRequestId = null, Guid? subjectUserId = null)
    {
        ContractId = contractId ?? ContractId;
        PaymentRequestId = paymentRequestId ?? PaymentRequestId;
        SubjectUserId = subjectUserId ?? SubjectUserId;
        return this;
    }

    private static string? Clip(string? value, int maxLength) =>
        value is null ? null : value.Length <= maxLength ? value : value[..maxLength];
}

/// <summary>What an audit entry records: stable codes, stored as text; <see cref="AuditKinds.ToLabel"/> is the Spanish name.</summary>
public enum AuditKind
{
    SignInSucceeded = 1,
    SignInFailed,
    SignInLockedOut,
    SignInDeactivated,
    SignInThrottled,
    SignedOut,
    UserCreated,
    UserChanged,
    RoleGranted,
    RoleRevoked,
    ContractCreated,
    ContractChanged,
    ContractStatusChanged,
    PaymentRequestCreated,
    PaymentRequestConfirmed,
    PaymentRequestReopened,
    PaymentRequestSent,
    PaymentRequestRejected,
    PaymentRequestEditedAfterRejection,
    PaymentRequestApproved,
    PaymentRequestPaid,
    PaymentRequestDeleted,
    PersonalDocumentDownloaded,
    EntityCreated,
    EntityChanged,
    HolidaysChanged,
}

public static class AuditKinds
{
    public const int MaxLength = 40;

    public static IReadOnlyList<AuditKind> All { get; } = Enum.GetValues<AuditKind>();

    public static string ToLabel(this AuditKind kind) => kind switch
    {
        AuditKind.SignInSucceeded => "Inicio de sesión",
        AuditKind.SignInFailed => "Inicio de sesión fallido",
        AuditKind.SignInLockedOut => "Inicio de sesión de cuenta bloqueada",
        AuditKind.SignInDeactivated => "Inicio de sesión de cuenta desactivada",
        AuditKind.SignInThrottled => "Inicio de sesión frenado por exceso de intentos",
        AuditKind.SignedOut => "Cierre de sesión",
        AuditKind.UserCreated => "Usuario creado",
        AuditKind.UserChanged => "Usuario modificado",
        AuditKind.RoleGranted => "Rol asignado",
        AuditKind.RoleRevoked => "Rol retirado",
        AuditKind.ContractCreated => "Contrato creado",
        AuditKind.ContractChanged => "Contrato modificado",
        AuditKind.ContractStatusChanged => "Estado del contrato cambiado",
        AuditKind.PaymentRequestCreated => "Cuenta de cobro creada",
        AuditKind.PaymentRequestConfirmed => "Cuenta de cobro confirmada",
        AuditKind.PaymentRequestReopened => "Cuenta de cobro reabierta (Registro)",
        AuditKind.PaymentRequestSent => "Cuenta de cobro enviada",
        AuditKind.PaymentRequestRejected => "Cuenta de cobro rechazada",
        AuditKind.PaymentRequestEditedAfterRejection => "Cuenta de cobro reabierta tras rechazo",
        AuditKind.PaymentRequestApproved => "Cuenta de cobro aprobada",
        AuditKind.PaymentRequestPaid => "Cuenta de cobro marcada como pagada",
        AuditKind.PaymentRequestDeleted => "Cuenta de cobro borrada",
        AuditKind.PersonalDocumentDownloaded => "Descarga de documento personal",
        AuditKind.EntityCreated => "Entidad Estatal creada",
        AuditKind.EntityChanged => "Entidad Estatal modificada",
        AuditKind.HolidaysChanged => "Días festivos cambiados",
        _ => kind.ToString(),
    };
}

/// <summary>Who is acting now, as the web request knows it: the signed-in user (if any) and the client's address.</summary>
public sealed record AuditActor(Guid? UserId, string? Email, string? Address);

/// <summary>
/// Where the database context learns who is acting when it records a change (a singleton of the application: the web
/// layer reads the current request). Without one, changes are recorded with no actor and no address.
/// </summary>
public interface IAuditActorSource
{
    AuditActor? Current { get; }
}
