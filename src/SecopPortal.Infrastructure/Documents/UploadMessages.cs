using System.Globalization;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>The Spanish messages users see when a file is refused. <c>name</c> is always a display name.</summary>
public static class UploadMessages
{
    private static readonly CultureInfo Colombia = CultureInfo.GetCultureInfo("es-CO");

    public const string Empty = "El archivo está vacío.";

    public static string TooLarge(string name, long maxBytes) =>
        $"El archivo «{name}» supera el tamaño máximo permitido de {FileSize(maxBytes)}.";

    public static string Unrecognised(string name) =>
        $"El archivo «{name}» no es un PDF, ZIP, PNG, JPEG, DOCX ni XLSX válido: se reconoce por su contenido, no por su extensión.";

    public static string TruncatedPdf(string name) =>
        $"El archivo «{name}» es un PDF incompleto o dañado (no termina como un PDF): puede que la carga se haya interrumpido. Vuelva a cargarlo.";

    public static string CorruptZip(string name) =>
        $"El archivo «{name}» parece un ZIP, pero está dañado o incompleto y no se puede abrir.";

    public static string ZipTooManyEntries(string name, int maxEntries) =>
        $"El archivo «{name}» contiene más de {maxEntries.ToString("N0", Colombia)} archivos comprimidos; ese es el máximo permitido.";

    public static string ZipUnsafeEntryName(string name) =>
        $"El archivo «{name}» contiene nombres de archivo no permitidos (rutas absolutas, «..» o caracteres de control) y no se acepta.";

    public static string ZipTooLargeUncompressed(string name, long maxBytes) =>
        $"El archivo «{name}» ocuparía más de {FileSize(maxBytes)} al descomprimirlo y no se acepta.";

    public static string ZipCompressionRatio(string name) =>
        $"El archivo «{name}» está comprimido de forma anómala (posible «bomba ZIP») y no se acepta.";

    public static string ZipNestedArchive(string name, string entryName) =>
        $"El archivo «{name}» contiene otro archivo comprimido («{entryName}»). Descomprímalo y anexe sus documentos directamente en el ZIP.";

    public static string OfficeMacros(string name) =>
        $"El documento «{name}» contiene macros (código VBA); guárdelo como .docx o .xlsx sin macros y vuelva a anexarlo.";

    public static string OfficeActiveX(string name) =>
        $"El documento «{name}» contiene controles ActiveX; guárdelo como .docx o .xlsx sin ellos y vuelva a anexarlo.";

    public static string OfficeEmbeddedProgram(string name) =>
        $"El documento «{name}» lleva incrustado un programa o script; quítelo del documento y vuelva a anexarlo.";

    public static string PdfActiveContent(string name) =>
        $"El PDF «{name}» contiene código JavaScript o acciones que abren programas; imprímalo como PDF de nuevo sin ellas y vuelva a anexarlo.";

    public static string PdfCompressionRatio(string name) =>
        $"El PDF «{name}» contiene datos comprimidos de forma anómala que no se pueden revisar y no se acepta; imprímalo como PDF de nuevo y vuelva a anexarlo.";

    /// <summary>"512 B", "1,5 KB", "25 MB", "1 GB" (binary units, Colombian decimal comma).</summary>
    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} B",
        < 1024 * 1024 => $"{(bytes / 1024d).ToString("0.#", Colombia)} KB",
        < 1024L * 1024 * 1024 => $"{(bytes / (1024d * 1024d)).ToString("0.#", Colombia)} MB",
        _ => $"{(bytes / (1024d * 1024d * 1024d)).ToString("0.#", Colombia)} GB",
    };
}
