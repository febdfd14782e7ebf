using System.Buffers;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>
/// The shape of a storage key: a relative path of '/'-separated segments made of ASCII letters, digits, '.', '_'
/// and '-', no segment starting with a dot (so no <c>.</c>, <c>..</c> or hidden file), at most
/// <see cref="MaxLength"/> characters. New keys are <c>yyyy/MM/&lt;guid without dashes&gt;</c>; older ones such as
/// the demo data's <c>demo/&lt;sha256&gt;.pdf</c> also fit. Anything else (<c>../../etc/passwd</c>, <c>/etc/passwd</c>,
/// <c>C:\x</c>, <c>a\b</c>) is refused before it comes near the file system.
/// </summary>
public static class DocumentStorageKey
{
    /// <summary>The database columns hold 300 characters (ExecutionDocuments 200); generated keys are 40.</summary>
    public const int MaxLength = 200;

    /// <summary>Prefix of the temporary file an upload is written to before its atomic rename.</summary>
    public const string TemporaryPrefix = ".tmp-";

    private const int MaxSegments = 8;
    private const int MaxSegmentLength = 100;

    private static readonly SearchValues<char> SegmentChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    /// <summary>Whether <paramref name="key"/> has the shape of a document key (temporary files' names excluded).</summary>
    public static bool IsValid(string? key) => Check(key, allowTemporary: false);

    /// <summary>Whether <paramref name="key"/> is a document key or the path of an upload's temporary file.</summary>
    public static bool IsValidOrTemporary(string? key) => Check(key, allowTemporary: true);

    /// <summary>
    /// Whether <paramref name="key"/> is one <see cref="FileSystemDocumentStore"/> generates
    /// (<c>yyyy/MM/&lt;32 hex&gt;</c>) or the temporary file of one (<c>yyyy/MM/.tmp-&lt;32 hex&gt;</c>): the only
    /// files the sweep may delete. Anything else in the folder (the demo data, a file an operator put there) is
    /// left alone.
    /// </summary>
    public static bool IsGenerated(string? key)
    {
        if (key is null || !IsValidOrTemporary(key))
        {
            return false;
        }

        var segments = key.Split('/');
        if (segments.Length != 3 || segments[0].Length != 4 || segments[1].Length != 2
            || !IsDigits(segments[0]) || !IsDigits(segments[1]))
        {
            return false;
        }

        var name = segments[2].StartsWith(TemporaryPrefix, StringComparison.Ordinal) ? segments[2][TemporaryPrefix.Length..] : segments[2];
        return name.Length == 32 && name.All(char.IsAsciiHexDigitLower);

        static bool IsDigits(string text) => text.All(char.IsAsciiDigit);
    }

    /// <summary>Whether the last segment of <paramref name="key"/> is a temporary file's name.</summary>
    public static bool IsTemporary(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.LastIndexOf('/');
        return key.AsSpan(slash + 1).StartsWith(TemporaryPrefix, StringComparison.Ordinal);
    }

    private static bool Check(string? key, bool allowTemporary)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
        {
            return false;
        }

        var segments = key.Split('/');
        if (segments.Length > MaxSegments)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i].AsSpan();
            if (segment.IsEmpty || segment.Length > MaxSegmentLength || segment.ContainsAnyExcept(SegmentChars))
            {
                return false;
            }

            if (segment[0] == '.')
            {
                var isLast = i == segments.Length - 1;
                if (!(allowTemporary && isLast && IsTemporaryName(segment)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsTemporaryName(ReadOnlySpan<char> segment) =>
        segment.StartsWith(TemporaryPrefix, StringComparison.Ordinal)
        && segment.Length > TemporaryPrefix.Length
        && !segment[TemporaryPrefix.Length..].Contains('.');
}
