using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// A request whose body cannot be read (truncated, garbage, a multipart body without or with a too long boundary, a
/// form over the form limits): the client's fault, answered 400 with the Spanish error page, never 500.
/// </summary>
public static class MalformedRequest
{
    /// <summary>What the error page says about a 400.</summary>
    public const string Message = "La solicitud llegó incompleta o dañada; vuelva a intentarlo.";

    /// <summary>
    /// Whether <paramref name="exception"/> (one nothing caught, seen by the exception handler) means the request could
    /// not be read: Kestrel's and the form readers' exceptions, MVC's wrapper of them (model binding) and antiforgery's.
    /// A plain <see cref="IOException"/> is not one of them: it may as well be the disk; where the form is read by hand,
    /// <see cref="UploadForm.ReadAsync"/> catches those itself.
    /// </summary>
    public static bool Is(Exception? exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode is >= 400 and < 500,
        InvalidDataException or ValueProviderException or AntiforgeryValidationException => true,
        _ => false,
    };
}
