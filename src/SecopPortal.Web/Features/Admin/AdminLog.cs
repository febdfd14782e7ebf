namespace SecopPortal.Web.Features.Admin;

/// <summary>What administrators change, written to the log with who did it.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Administrator {AdminId} created public entity {EntityId} (NIT {Nit}).")]
    public static partial void EntityCreated(ILogger logger, Guid adminId, int entityId, string nit);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Administrator {AdminId} updated public entity {EntityId} (NIT {Nit}).")]
    public static partial void EntityUpdated(ILogger logger, Guid adminId, int entityId, string nit);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Administrator {AdminId} set the documents public entity {EntityId} requires: first payment {FirstPayment}; later payments {LaterPayments}.")]
    public static partial void EntityDocumentsChanged(ILogger logger, Guid adminId, int entityId, IEnumerable<SecopPortal.Domain.PaymentRequests.AttachmentType> firstPayment, IEnumerable<SecopPortal.Domain.PaymentRequests.AttachmentType> laterPayments);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Administrator {AdminId} created user {UserId} with roles {Roles}.")]
    public static partial void UserCreated(ILogger logger, Guid adminId, Guid userId, IEnumerable<string> roles);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "Administrator {AdminId} updated user {UserId}; roles now {Roles}.")]
    public static partial void UserUpdated(ILogger logger, Guid adminId, Guid userId, IEnumerable<string> roles);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "Administrator {AdminId} deactivated user {UserId}; their sessions were ended.")]
    public static partial void UserDeactivated(ILogger logger, Guid adminId, Guid userId);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Information, Message = "Administrator {AdminId} reactivated user {UserId}.")]
    public static partial void UserReactivated(ILogger logger, Guid adminId, Guid userId);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Information, Message = "Administrator {AdminId} unlocked user {UserId}.")]
    public static partial void UserUnlocked(ILogger logger, Guid adminId, Guid userId);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "Administrator {AdminId} created contract {ContractId} ({Number}).")]
    public static partial void ContractCreated(ILogger logger, Guid adminId, int contractId, string number);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Information, Message = "Administrator {AdminId} updated contract {ContractId}.")]
    public static partial void ContractUpdated(ILogger logger, Guid adminId, int contractId);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Information, Message = "Administrator {AdminId} moved contract {ContractId} from {From} to {To}.")]
    public static partial void ContractStatusChanged(ILogger logger, Guid adminId, int contractId, SecopPortal.Domain.Contracts.ContractStatus from, SecopPortal.Domain.Contracts.ContractStatus to);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Warning, Message = "Administrator {AdminId} added national holiday {Date} (change {ChangeId}, {LegalBasis}).")]
    public static partial void HolidayAdded(ILogger logger, Guid adminId, int changeId, DateOnly date, string legalBasis);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Warning, Message = "Administrator {AdminId} removed national holiday {Date} (change {ChangeId}, {LegalBasis}).")]
    public static partial void HolidayRemoved(ILogger logger, Guid adminId, int changeId, DateOnly date, string legalBasis);

    [LoggerMessage(EventId = 3033, Level = LogLevel.Warning, Message = "Administrator {AdminId} undid holiday change {ChangeId} ({Kind} of {Date}).")]
    public static partial void HolidayChangeWithdrawn(ILogger logger, Guid adminId, int changeId, SecopPortal.Domain.Calendar.HolidayChangeKind kind, DateOnly date);
}
