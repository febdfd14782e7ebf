using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// What a SECOP II word does, in plain Spanish, where the button is offered and where the history shows it: "Registro"
/// sends the request back to editing, which its name does not say.
/// </summary>
public static class ActionExplanations
{
    /// <summary>Next to the "Registro" button.</summary>
    public const string Reopen = "«Registro»: la cuenta de cobro vuelve a «En edición» para que la corrija; se conserva lo escrito y lo anexado. Después, «Confirmar» otra vez.";

    /// <summary>Under a "Registro" step of the history.</summary>
    public const string ReopenDone = "Volvió a «En edición» para corregirla; se conservó lo escrito y lo anexado.";

    /// <summary>The explanation of a recorded action of the history, when its name needs one.</summary>
    public static string? ForHistory(string action) => action == PaymentRequestActions.Reopen ? ReopenDone : null;
}
