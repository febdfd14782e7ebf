using System.Globalization;
using System.Text;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Web.Features.OpenData;

/// <summary>
/// One row of the public Plan de pagos: one payment request the public may see (<see cref="PublicContracts.PublicRecord"/>),
/// with its contract, entity and provider. Nothing here is personal data of a persona natural beyond the name SECOP
/// publishes: <see cref="ProviderDocument"/> is read only for a persona jurídica (its NIT) and is null otherwise.
/// </summary>
public sealed record PaymentPlanCsvRow(
    string EntityName,
    string EntityNit,
    string ContractNumber,
    DateOnly ContractStartsOn,
    string ProviderName,
    string? ProviderDocument,
    int Sequence,
    string? InvoiceNumber,
    string? Cufe,
    string? FilingNumber,
    PaymentRequestStatus Status,
    DateOnly? IssuedOn,
    DateOnly? ReceivedOn,
    DateOnly? DueOn,
    DateOnly? PaidOn,
    decimal? NetValue,
    decimal? TotalValue,
    string? BudgetCommitment);

/// <summary>
/// The public Plan de pagos as CSV, in the column names of the SECOP II "Plan de pagos" open data set (datos.gov.co,
/// uymx-8p3j) that the portal can fill; docs/open-data.md lists them, their source and what is left out and why.
/// RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF, quotes
/// doubled. UTF-8 with a byte-order mark (Excel in es-CO reads accents right only with it). Dates yyyy-MM-dd,
/// amounts with a dot and two decimals, no thousands separator.
/// </summary>
public static class PaymentPlanCsv
{
    /// <summary>The header row, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "nombre_entidad",
        "nit_entidad",
        "id_del_contrato",
        "fecha_inicio_contrato",
        "nombre_proveedor",
        "documento_proveedor",
        "id_de_pago",
        "numero_de_factura",
        "cufe",
        "numero_de_radicacion",
        "estado",
        "fecha_de_emision",
        "fecha_de_recepcion",
        "fecha_de_vencimiento",
        "fecha_real_de_pago",
        "valor_neto",
        "valor_total",
        "compromiso_presupuestal",
    ];

    /// <summary>UTF-8 that writes the byte-order mark first.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Rows between two flushes: a few kilobytes reach the client while the next rows are read.</summary>
    public const int RowsPerFlush = 200;

    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>
    /// Writes the header and every row to <paramref name="output"/> as they come, flushing every
    /// <see cref="RowsPerFlush"/> rows: memory holds one row and the writer's buffer, whatever the number of rows.
    /// </summary>
    public static Task WriteAsync(Stream output, IAsyncEnumerable<PaymentPlanCsvRow> rows, CancellationToken cancellationToken) =>
        WriteAsync(output, Columns, rows, Fill, cancellationToken);

    /// <summary>
    /// Any streamed CSV of the portal in the same dialect (the audit log's export too): the header
    /// <paramref name="columns"/>, then each row as <paramref name="fill"/> lays it out in a reused array of fields,
    /// flushing every <see cref="RowsPerFlush"/> rows.
    /// </summary>
    public static async Task WriteAsync<TRow>(
        Stream output, IReadOnlyList<string> columns, IAsyncEnumerable<TRow> rows, Action<string?[], TRow> fill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(fill);
        // Every write is asynchronous (the server refuses synchronous I/O): a record is built in memory, then handed
        // to the writer, which flushes its 16 KB buffer to the stream asynchronously when it fills.
        await using var writer = new StreamWriter(output, Encoding, bufferSize: 16 * 1024, leaveOpen: true);
        var record = new StringBuilder(512);
        AppendRecord(record, columns);
        await writer.WriteAsync(record, cancellationToken);
        await writer.FlushAsync(cancellationToken);
        var fields = new string?[columns.Count];
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            Array.Clear(fields);
            fill(fields, row);
            record.Clear();
            AppendRecord(record, fields);
            await writer.WriteAsync(record, cancellationToken);
            if (++written % RowsPerFlush == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>One record, RFC 4180 quoting, CRLF at the end.</summary>
    public static void WriteRecord(TextWriter writer, IReadOnlyList<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var record = new StringBuilder();
        AppendRecord(record, fields);
        writer.Write(record);
    }

    private static void AppendRecord(StringBuilder record, IReadOnlyList<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                record.Append(',');
            }

            AppendField(record, fields[i]);
        }

        record.Append("\r\n");
    }

    private static void AppendField(StringBuilder record, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        // A text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is written with a leading
        // apostrophe (OWASP "CSV injection"); the portal's own numbers and dates never start that way.
        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            record.Append(text);
            return;
        }

        record.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static void Fill(string?[] fields, PaymentPlanCsvRow row)
    {
        fields[0] = row.EntityName;
        fields[1] = row.EntityNit;
        fields[2] = row.ContractNumber;
        fields[3] = Date(row.ContractStartsOn);
        fields[4] = row.ProviderName;
        fields[5] = row.ProviderDocument;
        fields[6] = row.Sequence.ToString(CultureInfo.InvariantCulture);
        fields[7] = row.InvoiceNumber;
        fields[8] = row.Cufe;
        fields[9] = row.FilingNumber;
        fields[10] = row.Status.ToLabel();
        fields[11] = Date(row.IssuedOn);
        fields[12] = Date(row.ReceivedOn);
        fields[13] = Date(row.DueOn);
        fields[14] = Date(row.PaidOn);
        fields[15] = Amount(row.NetValue);
        fields[16] = Amount(row.TotalValue);
        fields[17] = row.BudgetCommitment;
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Amount(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture);
}
