using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Documents;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// The request's page as it is now: for its contractor, the form while "En edición" (with what was typed when a
/// submit is shown again); for everyone else and every other state, the read-only page with the buttons the state
/// allows.
/// </summary>
public static class RequestPage
{
    /// <summary>What a failed submit gives back to the form: what was typed, the chosen file's type, a "Validar" answer.</summary>
    public sealed record FormState(PaymentRequestInput? Input = null, AttachmentInput? Upload = null, FieldCheck? Check = null)
    {
        public static FormState Fresh { get; } = new();
    }

    public sealed class Handler(PaymentRequestWorkspace workspace, IOptions<UploadLimitsOptions> limits)
    {
        /// <summary>The edit form (<see cref="PaymentRequestFormPage"/>) or the read-only page (<see cref="PaymentRequestShowPage"/>); null when the request does not exist.</summary>
        /// <param name="canFile">The user is the request's contractor (the authorization handler said so).</param>
        public async Task<object?> HandleAsync(int requestId, bool canFile, FormState state, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(state);
            var page = await workspace.LoadPageAsync(requestId, cancellationToken);
            if (page is null)
            {
                return null;
            }

            if (!canFile || !page.Request.CanEdit)
            {
                return new PaymentRequestShowPage { Page = page, CanFile = canFile };
            }

            var check = state.Check;
            return new PaymentRequestFormPage
            {
                Page = page,
                IsNew = false,
                Input = state.Input ?? PaymentRequestInput.From(page.Request.ToDraft()),
                Upload = state.Upload ?? new AttachmentInput(),
                RequiresPila = page.Contract.RequiresPilaEvidence,
                MaxFileBytes = limits.Value.MaxFileBytes,
                MaxRequestBytes = limits.Value.MaxRequestBytes,
                CufeCheck = check?.Field == nameof(PaymentRequestInput.Cufe) ? check : null,
                PilaCheck = check is { Field: nameof(PaymentRequestInput.PilaNumber) or nameof(PaymentRequestInput.PilaPaidOn) } ? check : null,
            };
        }

        /// <summary>"Borrar" without JavaScript: the confirmation page.</summary>
        public async Task<PaymentRequestDeletePage?> DeletePageAsync(int requestId, CancellationToken cancellationToken) =>
            await workspace.LoadPageAsync(requestId, cancellationToken) is { } page ? new PaymentRequestDeletePage { Page = page } : null;
    }
}
