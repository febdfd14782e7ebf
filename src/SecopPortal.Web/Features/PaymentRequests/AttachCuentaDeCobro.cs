using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// "Anexar la cuenta de cobro generada": one click writes the request's cuenta de cobro (<see cref="CuentaDeCobroPdf"/>)
/// from what is typed, and attaches it as its "Cuenta de cobro o factura", after saving what is typed like every
/// button of the form. Only for a contractor who does not invoice electronically (who invoices attaches the invoice);
/// the file goes through the same intake and rules as an upload (docs/product.md §16).
/// </summary>
public static class AttachCuentaDeCobro
{
    public const string ButtonText = "Anexar la cuenta de cobro generada (PDF)";

    public sealed class Handler(FilingForm form, PaymentRequestWorkspace workspace, CuentaDeCobroPdf.Handler pdf) : IFilingButton
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

            var request = filing.Request;
            if (request.IssuesElectronicInvoice)
            {
                filing.Outcome.Errors.Add(new RuleViolation(
                    FilingForm.DocumentsKey,
                    "Quien factura electrónicamente anexa su factura: la cuenta de cobro generada es para quien no está obligado a facturar."));
                return;
            }

            var contract = await workspace.FindContractSummaryAsync(request.ContractId, cancellationToken)
                           ?? throw new InvalidOperationException($"Contract {request.ContractId} does not exist.");
            var bytes = await pdf.WriteAsync(request, contract, cancellationToken);
            using var content = new MemoryStream(bytes, writable: false);
            var staged = await filing.Change.Scope.StageAsync(content, CuentaDeCobroPdf.FileNameOf(request, contract), bytes.Length, cancellationToken);
            if (!staged.IsAccepted)
            {
                filing.Outcome.Errors.Add(new RuleViolation(FilingForm.DocumentsKey, staged.RefusalMessage));
                return;
            }

            filing.Attached = await form.AttachStagedAsync(filing, staged, AttachmentType.PaymentClaim, "Generada por SecopPortal a partir de la cuenta de cobro");
        }

        public string? SuccessMessage(FilingStep filing)
        {
            ArgumentNullException.ThrowIfNull(filing);
            return $"Se anexó la cuenta de cobro generada («{filing.Attached?.FileName}») como «{AttachmentType.PaymentClaim.ToLabel()}». Revísela antes de confirmar.";
        }

        public string? Fragment(FilingStep filing) => FilingForm.DocumentsKey;
    }
}
