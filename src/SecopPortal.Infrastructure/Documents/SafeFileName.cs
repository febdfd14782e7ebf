using System.Globalization;
using System.Text;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>
/// The name a document is shown and downloaded under. Derived from the user's file name but only ever displayed
/// or put in a Content-Disposition header: never part of a path (storage keys are generated).
/// </summary>
public static class SafeFileName
{
    /// <summary>Longest display name, extension included.</summary>
    public const int MaxLength = 200;

    /// <summary>The name used when nothing usable is left of the original.</summary>
    public const string Fallback = "documento";

    private const int MaxExtensionLength = 10;

    // Invalid on Windows (besides control characters); '/' is the only other one on Linux.
    private const string InvalidCharacters = "<>:\"/\\|?*";

    private static readonly string[] WindowsReservedNames =
    [
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    /// <summary>
    /// Cleans a user's file name for display: drops any folder part (either slash), control and invisible
    /// formatting characters (e.g. the right-to-left override that makes <c>exe.pdf</c> out of <c>fdp.exe</c>)
    /// and characters invalid on Windows or Linux; collapses whitespace; trims dots and spaces; caps the length at
    /// <see cref="MaxLength"/> keeping the extension; falls back to <c>documento</c> (plus the extension).
    /// </summary>
    public static string ForDisplay(string? original)
    {
        var name = original ?? string.Empty;
        var lastSlash = name.LastIndexOfAny(['/', '\\']);
        if (lastSlash >= 0)
        {
            name = name[(lastSlash + 1)..];
        }

        name = Clean(name.Normalize(NormalizationForm.FormC));

        var (stem, extension) = Split(name);
        stem = stem.Trim(' ', '.');
        if (stem.Length == 0)
        {
            stem = Fallback;
        }

        if (IsWindowsReserved(stem))
        {
            stem += "_";
        }

        if (stem.Length + extension.Length > MaxLength)
        {
            stem = Truncate(stem, MaxLength - extension.Length).TrimEnd(' ', '.');
        }

        return stem + extension;
    }

    /// <summary>
    /// <see cref="ForDisplay(string)"/>, with the extension made to match what the content is: "foto.png" holding
    /// a PDF becomes "foto.pdf", "informe" a DOCX "informe.docx"; a fitting one ("foto.JPEG") is kept.
    /// </summary>
    public static string ForDisplay(string? original, DetectedType detected)
    {
        ArgumentNullException.ThrowIfNull(detected);
        var display = ForDisplay(original);
        var (stem, extension) = Split(display);
        if (extension.Length > 0 && detected.Accepts(extension))
        {
            return display;
        }

        if (stem.Length + detected.Extension.Length > MaxLength)
        {
            stem = Truncate(stem, MaxLength - detected.Extension.Length).TrimEnd(' ', '.');
        }

        return stem + detected.Extension;
    }

    /// <summary>
    /// <c>attachment; filename="ascii"; filename*=UTF-8''percent-encoded</c> (RFC 6266, RFC 5987): the ASCII
    /// fallback has accents removed ("ñ" → "n") and anything else non-ASCII, quotes and backslashes replaced by
    /// "_"; the UTF-8 form keeps the exact name.
    /// </summary>
    public static string ContentDispositionFor(string fileName)
    {
        var name = ForDisplay(fileName);
        return $"attachment; filename=\"{AsciiFallback(name)}\"; filename*=UTF-8''{PercentEncode(name)}";
    }

    private static string Clean(string name)
    {
        var builder = new StringBuilder(name.Length);
        var pendingSpace = false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(name, i) != UnicodeCategory.Format)
                {
                    AppendPendingSpace();
                    builder.Append(c).Append(name[i + 1]);
                }

                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (char.IsControl(c) || char.IsSurrogate(c) || InvalidCharacters.Contains(c, StringComparison.Ordinal)
                || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            AppendPendingSpace();
            builder.Append(c);
        }

        return builder.ToString();

        void AppendPendingSpace()
        {
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
        }
    }

    private static (string Stem, string Extension) Split(string name)
    {
        var dot = name.LastIndexOf('.');
        if (dot < 0 || dot == name.Length - 1)
        {
            return (name, string.Empty);
        }

        var extension = name[dot..];
        if (extension.Length > MaxExtensionLength + 1)
        {
            return (name, string.Empty);
        }

        foreach (var c in extension.AsSpan(1))
        {
            if (!char.IsLetterOrDigit(c))
            {
                return (name, string.Empty);
            }
        }

        return (name[..dot], extension);
    }

    private static bool IsWindowsReserved(string stem)
    {
        var firstDot = stem.IndexOf('.', StringComparison.Ordinal);
        var device = firstDot < 0 ? stem : stem[..firstDot];
        return Array.Exists(WindowsReservedNames, reserved => reserved.Equals(device.TrimEnd(' '), StringComparison.OrdinalIgnoreCase));
    }

    private static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--; // never split a surrogate pair
        }

        return text[..cut];
    }

    private static string AsciiFallback(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '_');
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string PercentEncode(string name)
    {
        // RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
        var builder = new StringBuilder(name.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "!#$&+-.^_`|~".Contains(c, StringComparison.Ordinal))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
