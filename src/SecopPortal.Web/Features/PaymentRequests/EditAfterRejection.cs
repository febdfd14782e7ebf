using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>"Editar" on a rejected request: the same record goes back to "En edición" (its Id de pago and history stay; docs/product.md §5.2).</summary>
public static class EditAfterRejection
{
    public sealed class Handler(PaymentRequestWorkspace workspace, ILogger<Handler> logger)
    {
        /// <returns>The message for the page.</returns>
        public async Task<string> HandleAsync(StateChangeCommand command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var request = await workspace.ChangeAsync(command, change =>
            {
                change.Request.EditAfterRejection(command.UserId, workspace.NowUtc);
                return Task.CompletedTask;
            }, cancellationToken);
            PaymentRequestLog.Changed(logger, command.UserId, request.Id, request.Status);
            return $"La cuenta de cobro volvió a «{PaymentRequestStatus.Editing.ToLabel()}». Corrija lo que indicó el supervisor, confírmela y envíela de nuevo.";
        }
    }
}
