using SecopPortal.Web.Features.Notifications;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// "Enviar": "Pendiente de registro" → "Enviado a la Entidad Estatal". Every rule runs again (the contract or the
/// other requests may have changed since "Confirmar", docs/product.md §8); the supervisor's notification is committed with the change (§15).
/// </summary>
public static class Send
{
    public const string SentMessage = "Su cuenta de cobro fue enviada a la Entidad Estatal.";

    public sealed class Handler(PaymentRequestWorkspace workspace, IPaymentRequestNotifier notifier, ILogger<Handler> logger)
    {
        /// <returns>The message for the page.</returns>
        public async Task<string> HandleAsync(StateChangeCommand command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var request = await workspace.ChangeAsync(command, async change =>
            {
                var context = await workspace.BuildContextAsync(change.Request, change.Contract, cancellationToken);
                change.Request.Send(context, command.UserId, workspace.NowUtc);
                await notifier.PaymentRequestSentAsync(change.Request, cancellationToken);
            }, cancellationToken);
            PaymentRequestLog.Changed(logger, command.UserId, request.Id, request.Status);
            return SentMessage;
        }
    }
}
