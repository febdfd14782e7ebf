using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>"Registro": "Pendiente de registro" → "En edición", to correct the request before sending it (docs/product.md §5.2).</summary>
public static class Reopen
{
    public sealed class Handler(PaymentRequestWorkspace workspace, ILogger<Handler> logger)
    {
        /// <returns>The message for the page.</returns>
        public async Task<string> HandleAsync(StateChangeCommand command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var request = await workspace.ChangeAsync(command, change =>
            {
                change.Request.Reopen(command.UserId, workspace.NowUtc);
                return Task.CompletedTask;
            }, cancellationToken);
            PaymentRequestLog.Changed(logger, command.UserId, request.Id, request.Status);
            return $"La cuenta de cobro volvió a «{PaymentRequestStatus.Editing.ToLabel()}». Corríjala y pulse «Confirmar» de nuevo.";
        }
    }
}
