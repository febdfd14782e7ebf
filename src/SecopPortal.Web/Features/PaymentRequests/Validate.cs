using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// "Validar" next to the CUFE and next to the planilla. Without JavaScript the button submits the whole form: what is
/// typed is saved first and the answer is shown next to the field. With JavaScript the page asks about what is typed
/// (<see cref="Handler.CheckTypedAsync"/>) and nothing is saved.
/// </summary>
public static class Validate
{
    public enum What
    {
        /// <summary>The CUFE: the domain's rules (96 hexadecimal characters, not used by another request).</summary>
        Cufe = 1,

        /// <summary>The planilla, through <see cref="IPilaValidator"/> (the contributions operator).</summary>
        Pila = 2,
    }

    public sealed class Handler(FilingForm form, PaymentRequestWorkspace workspace, PortalDbContext db, IPilaValidator pila)
    {
        public Task<FilingOutcome> HandleAsync(What what, FilingCommand command, CancellationToken cancellationToken) =>
            form.SubmitAsync(command, new Button(this, what), cancellationToken);

        /// <summary>The button's step on "Crear": the answer once the new request is stored.</summary>
        public IFilingButton ButtonFor(What what) => new Button(this, what);

        /// <summary>"Validar" with JavaScript: checks what is typed without saving anything (the page keeps its version).</summary>
        public async Task<FieldCheck> CheckTypedAsync(int requestId, What what, PaymentRequestInput input, Guid userId, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(input);
            var field = what == What.Cufe ? nameof(PaymentRequest.Cufe) : nameof(PaymentRequest.PilaNumber);

            // A look, never committed: disposing it forgets what was typed into the tracked request.
            await using var look = await workspace.BeginChangeAsync(requestId, seenVersion: null, cancellationToken, checkVersion: false);
            try
            {
                look.Request.UpdateDraft(input.ToDraft(), userId, workspace.NowUtc);
                return await CheckAsync(what, look.Request, look.Contract, cancellationToken);
            }
            catch (DomainValidationException exception)
            {
                var violation = exception.Violations.FirstOrDefault(v => v.Field == field) ?? exception.Violations[0];
                return new FieldCheck(false, violation.Message, string.IsNullOrEmpty(violation.Field) ? field : violation.Field);
            }
            catch (DomainException exception)
            {
                return new FieldCheck(false, exception.Message, field);
            }
        }

        private async Task<FieldCheck> CheckAsync(What what, PaymentRequest request, Contract contract, CancellationToken cancellationToken) =>
            what == What.Cufe
                ? CheckCufe(request, await workspace.BuildContextAsync(request, contract, cancellationToken))
                : await CheckPilaAsync(request, contract, cancellationToken);

        /// <summary>The CUFE rules of the domain (format, unique in the portal) on the request as it is.</summary>
        private static FieldCheck CheckCufe(PaymentRequest request, PaymentRequestContext context)
        {
            const string field = nameof(PaymentRequest.Cufe);
            if (!request.IssuesElectronicInvoice)
            {
                return new FieldCheck(false, "El CUFE solo aplica cuando está obligado a facturar electrónicamente: marque «Sí» en «¿Está obligado a facturar electrónicamente?».", field);
            }

            var problem = request.Assess(context).Violations.FirstOrDefault(v => v.Field == field);
            return problem is null
                ? new FieldCheck(true, "CUFE válido: tiene 96 caracteres hexadecimales y no está registrado en otra cuenta de cobro.", field)
                : new FieldCheck(false, problem.Message, field);
        }

        private async Task<FieldCheck> CheckPilaAsync(PaymentRequest request, Contract contract, CancellationToken cancellationToken)
        {
            var document = await db.Users.AsNoTracking()
                .Where(u => u.Id == request.ContractorId)
                .Select(u => u.DocumentNumber)
                .FirstOrDefaultAsync(cancellationToken);
            var answer = await pila.ValidateAsync(
                new PilaQuery(request.PilaNumber, request.PilaPaidOn, request.PeriodFrom, contract.RequiresPilaEvidence, document),
                cancellationToken);
            return new FieldCheck(answer.IsSuccessful, answer.Message, answer.Field);
        }

        private sealed class Button(Handler handler, What what) : IFilingButton
        {
            public async Task AfterCommitAsync(FilingStep filing, CancellationToken cancellationToken)
            {
                if (filing.FieldsSaved)
                {
                    filing.Outcome.Check = await handler.CheckAsync(what, filing.Request, filing.Change.Contract, cancellationToken);
                }
            }

            public string? SuccessMessage(FilingStep filing) =>
                (filing.CreatedText + filing.AttachedText).Trim() is { Length: > 0 } text ? text : null;

            public string? Fragment(FilingStep filing) => filing.Outcome.Check?.ControlId;
        }
    }
}
