using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// "Confirmar": saves what is typed, then runs every rule of the request (docs/product.md §8, §9) and, if none is broken,
/// moves it to "Pendiente de registro". A broken rule is shown next to its field and the request stays "En edición".
/// </summary>
public static class Confirm
{
    public sealed class Handler(FilingForm form, PaymentRequestWorkspace workspace) : IFilingButton
    {
        public Task<FilingOutcome> HandleAsync(FilingCommand command, CancellationToken cancellationToken) =>
            form.SubmitAsync(command, this, cancellationToken);

        public async Task ApplyAsync(FilingStep filing, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(filing);
            if (!filing.Clean)
            {
                return;
            }

            var context = await workspace.BuildContextAsync(filing.Request, filing.Change.Contract, cancellationToken);
            try
            {
                filing.Request.Confirm(context, filing.Command.UserId, filing.NowUtc);
            }
            catch (DomainException exception)
            {
                filing.Outcome.Add(PaymentRequestInput.Prefix, exception);
            }
        }

        public string? SuccessMessage(FilingStep filing)
        {
            ArgumentNullException.ThrowIfNull(filing);
            // The one message after "Confirmar": what happened and what comes next (the page's block holds the buttons).
            return filing.Request.Status == PaymentRequestStatus.PendingRegistration
                ? $"{(filing.Created ? $"Se creó la cuenta de cobro con Id de pago {filing.Request.Sequence}. " : string.Empty)}La cuenta de cobro quedó en «{filing.Request.Status.ToLabel()}». Cumple todas las reglas; siguiente paso: «Enviar», para radicarla ante la Entidad Estatal, o «Registro», si necesita corregirla."
                : filing.SavedText;
        }
    }
}
