using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>The log lines of the payment-request actions (one event id each, whichever handler writes them).</summary>
internal static partial class PaymentRequestLog
{
    [LoggerMessage(EventId = 4402, Level = LogLevel.Information, Message = "Payment request {RequestId} is now {Status} (by user {UserId})")]
    public static partial void Changed(ILogger logger, Guid userId, int requestId, PaymentRequestStatus status);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Information, Message = "User {UserId} deleted payment request {RequestId} (Id de pago {Sequence})")]
    public static partial void Deleted(ILogger logger, Guid userId, int requestId, int sequence);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "User {UserId} did «{Action}» on payment request {RequestId}")]
    public static partial void Decided(ILogger logger, Guid userId, string action, int requestId);

    [LoggerMessage(EventId = 4420, Level = LogLevel.Warning, Message = "Attachment {AttachmentId} of payment request {RequestId} is not in the document store; left out of the merged PDF")]
    public static partial void MissingFromMerge(ILogger logger, int attachmentId, int requestId);

    [LoggerMessage(EventId = 4421, Level = LogLevel.Information, Message = "Attachment {AttachmentId} of payment request {RequestId} left out of the merged PDF: {Problem}")]
    public static partial void LeftOutOfMerge(ILogger logger, int attachmentId, int requestId, SecopPortal.Infrastructure.Pdf.BindProblem problem);
}
