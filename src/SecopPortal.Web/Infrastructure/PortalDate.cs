using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// Reads a date the way the portal asks for it, whatever the browser's language: dd/mm/aaaa ("15/03/2026"), also with
/// one-digit day or month ("5/3/2026") or with "-" or "." between the parts, and the ISO form "2026-03-15" (links,
/// hidden fields and older clients). A date that is well written but does not exist ("31/02/2026") says why; anything
/// else says the expected format. The one reader of dates typed in forms (<see cref="PortalDateModelBinder"/>) and in
/// the audit filters.
/// </summary>
public static partial class PortalDate
{
    /// <summary>The format the user types, as the UI names it.</summary>
    public const string Format = "dd/mm/aaaa";

    public const string FormatMessage = "Escriba la fecha como dd/mm/aaaa, por ejemplo 15/03/2026.";

    private static readonly string[] MonthNames =
    [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ];

    /// <summary>How the portal writes a date in a form box: "15/03/2026".</summary>
    public static string ToInputText(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Reads <paramref name="text"/>; false with the message to show next to the field when it is not a date.</summary>
    public static bool TryParse(string? text, out DateOnly date, out string error)
    {
        date = default;
        error = string.Empty;
        var typed = (text ?? string.Empty).Trim();
        int day, month, year;
        if (DayFirst().Match(typed) is { Success: true } dayFirst && dayFirst.Groups["a"].Value == dayFirst.Groups["b"].Value)
        {
            day = Number(dayFirst.Groups["day"].Value);
            month = Number(dayFirst.Groups["month"].Value);
            year = Number(dayFirst.Groups["year"].Value);
        }
        else if (Iso().Match(typed) is { Success: true } iso)
        {
            day = Number(iso.Groups["day"].Value);
            month = Number(iso.Groups["month"].Value);
            year = Number(iso.Groups["year"].Value);
        }
        else
        {
            error = FormatMessage;
            return false;
        }

        if (year < 1)
        {
            error = $"La fecha {typed} no existe: el año 0000 no existe.";
            return false;
        }

        if (month is < 1 or > 12)
        {
            error = $"La fecha {typed} no existe: el mes va de 01 a 12.";
            return false;
        }

        var days = DateTime.DaysInMonth(year, month);
        if (day < 1 || day > days)
        {
            error = $"La fecha {typed} no existe: {MonthNames[month - 1]} de {year.ToString(CultureInfo.InvariantCulture)} tiene {days.ToString(CultureInfo.InvariantCulture)} días.";
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<day>[0-9]{1,2})(?<a>[/.-])(?<month>[0-9]{1,2})(?<b>[/.-])(?<year>[0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex DayFirst();

    [GeneratedRegex(@"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}

/// <summary>
/// Binds <c>DateOnly</c> and <c>DateOnly?</c> with <see cref="PortalDate"/>, independent of the request culture and of
/// the browser's. An empty box binds to null; a wrong date leaves its Spanish message next to the field and keeps what
/// was typed for the re-rendered form.
/// </summary>
public sealed class PortalDateModelBinder : TextModelBinder
{
    protected override bool TryRead(string text, ModelBindingContext bindingContext, out object? value, out string message)
    {
        var read = PortalDate.TryParse(text, out var date, out message);
        value = date;
        return read;
    }
}

/// <summary>Puts <see cref="PortalDateModelBinder"/> in charge of every <c>DateOnly</c> the portal binds.</summary>
public sealed class PortalDateModelBinderProvider : IModelBinderProvider
{
    private static readonly PortalDateModelBinder Binder = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type == typeof(DateOnly) ? Binder : null;
    }
}
