namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// "Anexar" (section "Documentos"): attaches the chosen file as the chosen type, after saving what is typed. The file
/// is checked by content and size before its row exists (<see cref="FilingForm"/>), and the domain decides whether
/// the type may be attached (one of each, the evidence ZIP, the request's total size): docs/product.md §10.
/// </summary>
public static class Attach
{
    public sealed class Handler(FilingForm form) : IFilingButton
    {
        public bool NeedsFile => true;

        public Task<FilingOutcome> HandleAsync(FilingCommand command, CancellationToken cancellationToken) =>
            form.SubmitAsync(command, this, cancellationToken);

        public string? SuccessMessage(FilingStep filing)
        {
            ArgumentNullException.ThrowIfNull(filing);
            return filing.CreatedText + filing.AttachedText;
        }

        public string? Fragment(FilingStep filing) => FilingForm.DocumentsKey;
    }
}
