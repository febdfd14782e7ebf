using System.Globalization;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// "Borrar": removes a request that was never sent, then its files (docs/product.md §5.4). Without JavaScript the page asks for confirmation
/// first (<see cref="Handler.CheckAsync"/>); with it, a dialog asks and the post comes confirmed.
/// </summary>
public static class Delete
{
    public sealed class Handler(PaymentRequestWorkspace workspace, ILogger<Handler> logger)
    {
        /// <summary>Whether "Borrar" is allowed now; throws the domain's reason otherwise. Nothing changes.</summary>
        public async Task CheckAsync(StateChangeCommand command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            await using var look = await workspace.BeginChangeAsync(command.RequestId, command.SeenVersion, cancellationToken);
            look.Request.EnsureCanDelete(command.UserId);
        }

        /// <returns>The message for the contract's page.</returns>
        public async Task<string> HandleAsync(StateChangeCommand command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            await using var change = await workspace.BeginChangeAsync(command.RequestId, command.SeenVersion, cancellationToken);
            var request = change.Request;
            request.EnsureCanDelete(command.UserId);
            foreach (var attachment in request.Attachments)
            {
                change.Scope.DeleteAfterCommit(attachment.StorageKey);
            }

            workspace.Remove(request);
            await change.CommitAsync(cancellationToken);
            PaymentRequestLog.Deleted(logger, command.UserId, request.Id, request.Sequence);
            return string.Create(CultureInfo.InvariantCulture, $"Se borró la cuenta de cobro con Id de pago {request.Sequence}.");
        }
    }
}
