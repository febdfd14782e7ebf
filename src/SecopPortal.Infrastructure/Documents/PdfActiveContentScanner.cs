using System.IO.Compression;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>What <see cref="PdfActiveContentScanner"/> concluded about a PDF.</summary>
internal enum PdfScanVerdict
{
    /// <summary>No JavaScript and no launch action was seen.</summary>
    Clean,

    /// <summary>A <c>/JavaScript</c>, <c>/JS</c> or <c>/Launch</c> name was seen.</summary>
    ActiveContent,

    /// <summary>An object stream inflates beyond the ZIP limits (a bomb, or padding to hide something).</summary>
    CompressionRatio,
}

/// <summary>
/// A lexical scan of a PDF's bytes for the names of active content: <c>/JavaScript</c> and <c>/JS</c>
/// (JavaScript actions and the document's JavaScript name tree) and <c>/Launch</c> (actions that open programs or
/// files). Names are compared after decoding <c>#xx</c> escapes (<c>/Java#53cript</c>). Compressed object streams
/// (<c>/Type /ObjStm</c>, FlateDecode or unfiltered) are inflated in memory, within the ZIP limits, and scanned
/// the same way. <c>/EmbeddedFile(s)</c>, <c>/SubmitForm</c>, <c>/ImportData</c> and <c>/RichMedia</c> are not
/// refused (docs/product.md §10.4).
/// </summary>
/// <remarks>
/// <para>Fed in chunks (<see cref="Feed"/>), so the file is never held in memory; a state machine over bytes,
/// so it never fails on a damaged PDF. Strings and comments are skipped (a title may say "/JS"). Inside stream
/// data (images, fonts, compressed content) only the long names <c>JavaScript</c> and <c>Launch</c> count: a
/// 3-byte <c>/JS</c> turns up by chance in megabytes of compressed bytes, 11 bytes never do; and an action needs
/// <c>/S /JavaScript</c> or <c>/S /Launch</c> anyway, so hiding a dictionary behind a stray <c>stream</c>
/// keyword does not hide it.</para>
/// <para>Not seen: object streams with another filter (LZW, ASCIIHex, …) and an encrypted file's object
/// streams (they do not inflate); such files keep being accepted as before.</para>
/// </remarks>
internal sealed class PdfActiveContentScanner : IDisposable
{
    private const int MaxNameBytes = 127;
    private const int MaxTokenBytes = 16;

    private static ReadOnlySpan<byte> EndStream => "endstream"u8;

    private readonly UploadLimitsOptions _limits;
    private readonly bool _nested;
    private readonly byte[] _name = new byte[MaxNameBytes];
    private readonly byte[] _token = new byte[MaxTokenBytes];
    private State _state = State.Normal;
    private int _nameLength;
    private int _tokenLength;
    private int _literalDepth;
    private int _endStreamMatched;
    private bool _inStreamName;
    private bool _skipLineFeed;
    private bool _objectIsObjStm;
    private bool _objectHasFlate;
    private bool _objectHasOtherFilter;
    private MemoryStream? _capture;
    private long _inflatedBytes;

    public PdfActiveContentScanner(UploadLimitsOptions limits)
        : this(limits, nested: false)
    {
    }

    private PdfActiveContentScanner(UploadLimitsOptions limits, bool nested)
    {
        _limits = limits;
        _nested = nested;
    }

    private enum State
    {
        Normal,
        Comment,
        Literal,
        LiteralEscape,
        Name,
        Token,
        StreamData,
    }

    public PdfScanVerdict Verdict { get; private set; }

    /// <summary>Scans the whole of a seekable <paramref name="content"/> from its start.</summary>
    public static async Task<PdfScanVerdict> ScanAsync(Stream content, UploadLimitsOptions limits, CancellationToken cancellationToken)
    {
        using var scanner = new PdfActiveContentScanner(limits);
        var buffer = new byte[64 * 1024];
        content.Position = 0;
        int read;
        while (scanner.Verdict == PdfScanVerdict.Clean
               && (read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            scanner.Feed(buffer.AsSpan(0, read));
        }

        scanner.Finish();
        return scanner.Verdict;
    }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length && Verdict == PdfScanVerdict.Clean)
        {
            if (Step(bytes[i]))
            {
                i++;
            }
        }
    }

    public void Dispose()
    {
        _capture?.Dispose();
        _capture = null;
    }

    /// <summary>Ends a name or keyword cut by the end of the file.</summary>
    public void Finish()
    {
        if (_state == State.Name || (_state == State.StreamData && _inStreamName))
        {
            EndName();
        }
        else if (_state == State.Token)
        {
            EndToken();
        }
    }

    /// <returns>Whether <paramref name="b"/> was consumed (false: look at it again in the new state).</returns>
    private bool Step(byte b)
    {
        switch (_state)
        {
            case State.Comment:
                if (b is (byte)'\r' or (byte)'\n')
                {
                    _state = State.Normal;
                }

                return true;

            case State.Literal:
                if (b == '\\')
                {
                    _state = State.LiteralEscape;
                }
                else if (b == '(')
                {
                    _literalDepth++;
                }
                else if (b == ')' && --_literalDepth == 0)
                {
                    _state = State.Normal;
                }

                return true;

            case State.LiteralEscape:
                _state = State.Literal;
                return true;

            case State.Name:
                if (IsRegular(b))
                {
                    AppendName(b);
                    return true;
                }

                EndName();
                _state = State.Normal;
                return false;

            case State.Token:
                if (IsRegular(b))
                {
                    if (_tokenLength < MaxTokenBytes)
                    {
                        _token[_tokenLength] = b;
                    }

                    _tokenLength++;
                    return true;
                }

                EndToken();
                if (_state == State.StreamData)
                {
                    // The line break after "stream" (CR LF, or LF) is not part of the data.
                    _skipLineFeed = b == '\r';
                    return b is (byte)'\r' or (byte)'\n';
                }

                _state = State.Normal;
                return false;

            case State.StreamData:
                StepStreamData(b);
                return true;

            default:
                StepNormal(b);
                return true;
        }
    }

    private void StepNormal(byte b)
    {
        switch (b)
        {
            case (byte)'%':
                _state = State.Comment;
                break;
            case (byte)'(':
                _state = State.Literal;
                _literalDepth = 1;
                break;
            case (byte)'/':
                _state = State.Name;
                _nameLength = 0;
                break;
            default:
                if (IsRegular(b))
                {
                    _state = State.Token;
                    _token[0] = b;
                    _tokenLength = 1;
                }

                break;
        }
    }

    private void StepStreamData(byte b)
    {
        if (_skipLineFeed)
        {
            _skipLineFeed = false;
            if (b == '\n')
            {
                return;
            }
        }

        _capture?.WriteByte(b);

        // Names, for the long ones only (see the remarks).
        if (_inStreamName)
        {
            if (IsRegular(b))
            {
                AppendName(b);
            }
            else
            {
                EndName();
                _inStreamName = false;
            }
        }

        if (b == '/')
        {
            _inStreamName = true;
            _nameLength = 0;
        }

        // "endstream": only its first letter repeats in it, so a mismatch restarts at 0 or 1.
        if (b == EndStream[_endStreamMatched])
        {
            if (++_endStreamMatched == EndStream.Length)
            {
                EndStreamData();
            }
        }
        else
        {
            _endStreamMatched = b == EndStream[0] ? 1 : 0;
        }
    }

    private void EndStreamData()
    {
        _state = State.Normal;
        _endStreamMatched = 0;
        _inStreamName = false;
        var capture = _capture;
        _capture = null;
        if (capture is null)
        {
            return;
        }

        using (capture)
        {
            capture.SetLength(Math.Max(0, capture.Length - EndStream.Length));
            capture.Position = 0;
            ScanObjectStream(capture);
        }
    }

    private void ScanObjectStream(MemoryStream data)
    {
        using var nested = new PdfActiveContentScanner(_limits, nested: true);
        var compressed = data.Length;
        // As for a ZIP entry: small data compresses as it likes; beyond that, at most the ratio, and never more
        // in total than a ZIP may declare.
        var allowed = Math.Max(_limits.ZipRatioCheckMinBytes, (long)Math.Min(long.MaxValue / 2, compressed * _limits.MaxZipCompressionRatio));
        var buffer = new byte[64 * 1024];
        try
        {
            using var source = _objectHasFlate ? new ZLibStream(data, CompressionMode.Decompress) : (Stream)data;
            int read;
            while (nested.Verdict == PdfScanVerdict.Clean && (read = source.Read(buffer)) > 0)
            {
                _inflatedBytes += read;
                allowed -= read;
                if (allowed < 0 || _inflatedBytes > _limits.MaxZipUncompressedBytes)
                {
                    Verdict = PdfScanVerdict.CompressionRatio;
                    return;
                }

                nested.Feed(buffer.AsSpan(0, read));
            }
        }
        catch (InvalidDataException)
        {
            // Damaged or encrypted: what inflated so far was scanned; the rest cannot be read (nor by a reader).
        }

        nested.Finish();
        Verdict = nested.Verdict;
    }

    private void AppendName(byte b)
    {
        if (_nameLength < MaxNameBytes)
        {
            _name[_nameLength] = b;
        }

        _nameLength++;
    }

    private void EndName()
    {
        if (_nameLength > MaxNameBytes)
        {
            return;
        }

        Span<byte> decoded = stackalloc byte[MaxNameBytes];
        var length = DecodeName(_name.AsSpan(0, _nameLength), decoded);
        var name = decoded[..length];
        if (name.SequenceEqual("JavaScript"u8) || name.SequenceEqual("Launch"u8)
            || (name.SequenceEqual("JS"u8) && _state != State.StreamData))
        {
            Verdict = PdfScanVerdict.ActiveContent;
        }
        else if (_state == State.StreamData)
        {
            // Names inside stream data say nothing about the stream itself.
        }
        else if (name.SequenceEqual("ObjStm"u8))
        {
            _objectIsObjStm = true;
        }
        else if (name.SequenceEqual("FlateDecode"u8) || name.SequenceEqual("Fl"u8))
        {
            _objectHasFlate = true;
        }
        else if (IsOtherFilter(name))
        {
            _objectHasOtherFilter = true;
        }
    }

    private void EndToken()
    {
        if (_tokenLength > MaxTokenBytes)
        {
            return;
        }

        var token = _token.AsSpan(0, _tokenLength);
        if (token.SequenceEqual("obj"u8) || token.SequenceEqual("endobj"u8))
        {
            _objectIsObjStm = _objectHasFlate = _objectHasOtherFilter = false;
        }
        else if (token.SequenceEqual("stream"u8) && !_nested)
        {
            // Inside an object stream there are no streams: a stray "stream" there must not hide what follows.
            _state = State.StreamData;
            _endStreamMatched = 0;
            _inStreamName = false;
            if (_objectIsObjStm && !_objectHasOtherFilter)
            {
                _capture = new MemoryStream();
            }
        }
    }

    /// <summary>Decodes <c>#xx</c> escapes; a <c>#</c> not followed by two hex digits stays as it is.</summary>
    internal static int DecodeName(ReadOnlySpan<byte> raw, Span<byte> decoded)
    {
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '#' && i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]))
            {
                decoded[length++] = (byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2]));
                i += 2;
            }
            else
            {
                decoded[length++] = raw[i];
            }
        }

        return length;
    }

    private static bool IsOtherFilter(ReadOnlySpan<byte> name) =>
        name.EndsWith("Decode"u8) || name.SequenceEqual("AHx"u8) || name.SequenceEqual("A85"u8)
        || name.SequenceEqual("LZW"u8) || name.SequenceEqual("RL"u8) || name.SequenceEqual("Crypt"u8);

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    /// <summary>Not white space (NUL, HT, LF, FF, CR, SP) and not a delimiter (<c>()&lt;&gt;[]{}/%</c>).</summary>
    private static bool IsRegular(byte b) =>
        b is not (0 or 9 or 10 or 12 or 13 or 32)
        && b is not ((byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');
}
