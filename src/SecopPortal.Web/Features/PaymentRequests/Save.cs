namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>"Guardar": saves what is typed (and attaches the chosen file, if any); the request stays "En edición" (docs/product.md §7).</summary>
public static class Save
{
    public sealed class Handler(FilingForm form) : IFilingButton
    {
        public Task<FilingOutcome> HandleAsync(FilingCommand command, CancellationToken cancellationToken) =>
            form.SubmitAsync(command, this, cancellationToken);

        public string? SuccessMessage(FilingStep filing)
        {
            ArgumentNullException.ThrowIfNull(filing);
            return filing.SavedText;
        }
    }
}
