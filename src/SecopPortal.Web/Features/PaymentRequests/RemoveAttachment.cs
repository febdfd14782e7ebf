using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// "Quitar" on one attachment, from the attachments list's own form (the version only) or from the request's form
/// (what is typed is saved too). The row goes with the save; its bytes after the save has committed.
/// </summary>
public static class RemoveAttachment
{
    public sealed class Handler(FilingForm form) : IFilingButton
    {
        public Task<FilingOutcome> HandleAsync(FilingCommand command, CancellationToken cancellationToken) =>
            form.SubmitAsync(command, this, cancellationToken);

        public Task ApplyAsync(FilingStep filing, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(filing);
            if (filing.Command.Post.AttachmentId is not { } attachmentId)
            {
                return Task.CompletedTask;
            }

            try
            {
                var removed = filing.Request.RemoveAttachment(attachmentId, filing.Command.UserId, filing.NowUtc);
                filing.Change.Scope.DeleteAfterCommit(removed.StorageKey);
                filing.Removed = removed;
            }
            catch (DomainException exception)
            {
                filing.Outcome.Add(string.Empty, exception);
            }

            return Task.CompletedTask;
        }

        public string? SuccessMessage(FilingStep filing)
        {
            ArgumentNullException.ThrowIfNull(filing);
            return filing.Removed is { } removed
                ? $"Se quitó «{removed.FileName}» ({removed.Type.ToLabel()}). {filing.AttachedText}".TrimEnd()
                : filing.SavedText;
        }

        public string? Fragment(FilingStep filing) => FilingForm.DocumentsKey;
    }
}
