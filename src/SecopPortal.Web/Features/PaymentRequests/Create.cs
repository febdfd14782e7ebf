using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// "Crear" (contract → section 7 → Plan de pagos): the form of the next request, filled with the suggested values
/// and stored by nothing; the form's first submit, whatever the button, creates the request with what is typed and
/// the next Id de pago, then does what the button asked (ADR 0007). A contractor who opens the form and leaves
/// creates no empty request, so the Id de pago stays consecutive. The suggested values: docs/product.md §6.
/// </summary>
public static class Create
{
    /// <summary>The form field naming the button of the first submit.</summary>
    public const string ButtonField = "Accion";

    /// <summary>The "Confirmar" of the new form: it creates the draft and confirms it when nothing is missing.</summary>
    public const string SaveAndConfirmText = "Guardar y confirmar";

    public const string DraftCreatedMessage = "Se creó el borrador de la cuenta de cobro con lo que escribió; puede completarlo cuando quiera desde el Plan de pagos.";

    public sealed class Handler(
        PaymentRequestWorkspace workspace,
        FilingForm form,
        Save.Handler save,
        Attach.Handler attach,
        Confirm.Handler confirm,
        Validate.Handler validate)
    {
        /// <summary>The form of the next request, not stored yet.</summary>
        /// <exception cref="Domain.Common.DomainException">The contract does not accept payment requests now.</exception>
        public async Task<PaymentRequestFormPage> NewFormAsync(int contractId, Guid userId, CancellationToken cancellationToken)
        {
            var (contract, summary, documents) = await workspace.FindContractPageAsync(contractId, cancellationToken)
                                                 ?? throw new InvalidOperationException($"Contract {contractId} does not exist.");
            var sequence = await workspace.NextSequenceAsync(contractId, cancellationToken);
            var siblings = await workspace.SiblingsAsync(contractId, 0, cancellationToken);
            var draft = PaymentRequest.SuggestDraft(contract, sequence, siblings, workspace.Today, workspace.Calendar);
            var preview = PaymentRequest.Create(contract, sequence, userId, draft, workspace.NowUtc);
            var context = new PaymentRequestContext(contract, siblings, CufeUsedElsewhere: false, workspace.Today, workspace.Calendar, documents);
            var names = new Dictionary<Guid, string> { [userId] = summary.ContractorName };
            return new PaymentRequestFormPage
            {
                Page = new PaymentRequestPage(preview, summary, preview.Assess(context), names),
                IsNew = true,
                Input = PaymentRequestInput.From(preview.ToDraft()),
                RequiresPila = contract.RequiresPilaEvidence,
                MaxFileBytes = form.Limits.MaxFileBytes,
                MaxRequestBytes = form.Limits.MaxRequestBytes,
            };
        }

        /// <summary>
        /// The first submit: creates the request, then the button's own step ("anexar", "confirmar", "validar-cufe",
        /// "validar-pila"; else "Guardar"). "Guardar y confirmar" is "confirmar": the draft is stored whatever happens, and
        /// confirmed when nothing is missing; otherwise the page says what is (each message next to its field).
        /// </summary>
        public async Task<FilingOutcome> HandleAsync(string? button, FilingCommand command, CancellationToken cancellationToken)
        {
            IFilingButton step = button switch
            {
                "anexar" => attach,
                "confirmar" => confirm,
                "validar-cufe" => validate.ButtonFor(Validate.What.Cufe),
                "validar-pila" => validate.ButtonFor(Validate.What.Pila),
                _ => save,
            };
            var outcome = await form.CreateAsync(command, step, cancellationToken);
            var confirmed = step == confirm && outcome.Succeeded && outcome.RequestId is not null;
            if (step != save && outcome.RequestId is not null && !confirmed)
            {
                // The first submit stores the draft whatever the button was: say so, even if the button's own work failed.
                outcome.Flash = string.IsNullOrEmpty(outcome.Flash) ? DraftCreatedMessage : $"{DraftCreatedMessage} {outcome.Flash}";
            }

            return outcome;
        }
    }
}
