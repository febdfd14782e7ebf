using System.Diagnostics.CodeAnalysis;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>The kinds of document the portal accepts, recognised by content.</summary>
public enum DocumentKind
{
    Pdf = 1,
    Png = 2,
    Jpeg = 3,
    Zip = 4,
    Docx = 5,
    Xlsx = 6,
}

/// <summary>Why a file was refused (for logs and tests; users get the Spanish message).</summary>
public enum RefusalReason
{
    Empty = 1,
    TooLarge = 2,
    UnrecognisedContent = 3,
    TruncatedPdf = 4,
    CorruptZip = 5,
    ZipTooManyEntries = 6,
    ZipUnsafeEntryName = 7,
    ZipTooLargeUncompressed = 8,
    ZipCompressionRatio = 9,
    ZipNestedArchive = 10,
    OfficeMacros = 11,
    OfficeActiveX = 12,
    OfficeEmbeddedProgram = 13,
    PdfActiveContent = 14,
    PdfCompressionRatio = 15,
}

/// <summary>A recognised kind with its canonical content type and file extension.</summary>
public sealed record DetectedType(DocumentKind Kind, string ContentType, string Extension)
{
    public static readonly DetectedType Pdf = new(DocumentKind.Pdf, "application/pdf", ".pdf");
    public static readonly DetectedType Png = new(DocumentKind.Png, "image/png", ".png");
    public static readonly DetectedType Jpeg = new(DocumentKind.Jpeg, "image/jpeg", ".jpg");
    public static readonly DetectedType Zip = new(DocumentKind.Zip, "application/zip", ".zip");
    public static readonly DetectedType Docx = new(DocumentKind.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly DetectedType Xlsx = new(DocumentKind.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");

    /// <summary>Whether a file of this kind may be called <c>*<paramref name="extension"/></c> (e.g. ".jpeg" for JPEG).</summary>
    public bool Accepts(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return Kind switch
        {
            DocumentKind.Jpeg => extension.Equals(".jpg", StringComparison.OrdinalIgnoreCase)
                                 || extension.Equals(".jpeg", StringComparison.OrdinalIgnoreCase)
                                 || extension.Equals(".jpe", StringComparison.OrdinalIgnoreCase)
                                 || extension.Equals(".jfif", StringComparison.OrdinalIgnoreCase),
            _ => extension.Equals(Extension, StringComparison.OrdinalIgnoreCase),
        };
    }
}

/// <summary>The verdict of <see cref="ContentInspector"/>: a <see cref="DetectedType"/>, or a refusal in Spanish.</summary>
public sealed class InspectionResult
{
    private InspectionResult(DetectedType? type, RefusalReason? reason, string? message)
    {
        Type = type;
        Reason = reason;
        RefusalMessage = message;
    }

    [MemberNotNullWhen(true, nameof(Type))]
    [MemberNotNullWhen(false, nameof(RefusalMessage), nameof(Reason))]
    public bool IsAccepted => Type is not null;

    public DetectedType? Type { get; }

    public RefusalReason? Reason { get; }

    /// <summary>For the user, in Spanish, naming the file.</summary>
    public string? RefusalMessage { get; }

    public static InspectionResult Accepted(DetectedType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new InspectionResult(type, null, null);
    }

    public static InspectionResult Refused(RefusalReason reason, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new InspectionResult(null, reason, message);
    }

    public override string ToString() => IsAccepted ? $"Accepted {Type.Kind}" : $"Refused {Reason}: {RefusalMessage}";
}
