using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// What one submit of the cuenta de cobro form carries. The form is one multipart form: "Guardar", "Confirmar",
/// "Anexar", "Quitar" and both "Validar" send every field and the chosen file, so no button loses what was typed.
/// </summary>
public sealed class FilingPost
{
    /// <summary>The hidden field that tells a submit carries the form's fields (the standalone "Quitar" form does not).</summary>
    public const string DraftIncludedField = "DraftIncluded";

    /// <summary>The version of the request the page showed (null on "Crear").</summary>
    public Guid? ConcurrencyStamp { get; init; }

    /// <summary>On "Crear": the Id de pago the page announced.</summary>
    public int? ExpectedSequence { get; init; }

    /// <summary>The form's fields; null when the post did not carry them (the attachments list's own "Quitar" form).</summary>
    public PaymentRequestInput? Input { get; init; }

    /// <summary>False when a field could not be read (a date or an amount that is not one): nothing typed is saved then.</summary>
    public bool InputIsValid { get; init; } = true;

    /// <summary>"Anexar documento": type, file, description.</summary>
    public AttachmentInput Upload { get; init; } = new();

    /// <summary>On "Quitar": which attachment (from the route).</summary>
    public int? AttachmentId { get; init; }

    /// <summary>On "Crear": the button of the first submit (<see cref="Create.ButtonField"/>).</summary>
    public string? Button { get; init; }

    /// <summary>
    /// Reads the posted form under the limits <c>[UploadLimits]</c> lifted, checks its antiforgery token and binds it.
    /// Null with <see cref="UploadFormOutcome.TooLarge"/>, <see cref="UploadFormOutcome.Malformed"/> or <see cref="UploadFormOutcome.Forged"/>.
    /// </summary>
    public static async Task<(UploadFormOutcome Outcome, FilingPost? Post)> ReadAsync(
        ControllerBase controller, IAntiforgery antiforgery, int? attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var read = await UploadForm.ReadAsync(controller.HttpContext, antiforgery, cancellationToken);
        if (read.Form is not { } form)
        {
            return (read.Outcome, null);
        }

        PaymentRequestInput? input = null;
        var inputIsValid = true;
        if (form.ContainsKey(DraftIncludedField))
        {
            input = new PaymentRequestInput();
            inputIsValid = await UploadForm.BindAsync(controller, input, PaymentRequestInput.Prefix);
        }

        var upload = new AttachmentInput();
        await UploadForm.BindAsync(controller, upload, AttachmentInput.Prefix);
        return (read.Outcome, new FilingPost
        {
            ConcurrencyStamp = Guid.TryParse(form[nameof(ConcurrencyStamp)], out var stamp) ? stamp : null,
            ExpectedSequence = int.TryParse(form[nameof(ExpectedSequence)], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null,
            Input = input,
            InputIsValid = inputIsValid,
            Upload = upload,
            AttachmentId = attachmentId,
            Button = form[Create.ButtonField].ToString(),
        });
    }
}

/// <summary>One submit of the form by <paramref name="UserId"/>; <paramref name="RequestId"/> is null on "Crear".</summary>
public sealed record FilingCommand(int ContractId, int? RequestId, Guid UserId, FilingPost Post);
