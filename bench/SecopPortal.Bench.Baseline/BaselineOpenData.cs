using System.Globalization;
using System.Text;
using Npgsql;

namespace SecopPortal.Bench.Baseline;

/// <summary>
/// The whole country's public Plan de pagos as CSV, written by hand: the same statements as the portal's (the same
/// rows, joins and order, 2,000 contract ids per statement), each row formatted into a StreamWriter on the response
/// body as the reader hands it over. What
/// streaming the open data costs without EF Core and the portal's writer: the ceiling of /publico/datos/plan-de-pagos.csv.
/// </summary>
public sealed class BaselineOpenData(NpgsqlDataSource dataSource)
{
    private const int ContractsPerStatement = 2_000;
    private const string Header =
        "nombre_entidad,nit_entidad,id_del_contrato,fecha_inicio_contrato,nombre_proveedor,documento_proveedor,id_de_pago,numero_de_factura,cufe,"
        + "numero_de_radicacion,estado,fecha_de_emision,fecha_de_recepcion,fecha_de_vencimiento,fecha_real_de_pago,valor_neto,valor_total,compromiso_presupuestal";

    private static readonly Dictionary<string, string> States = new(StringComparer.Ordinal)
    {
        ["Sent"] = "Enviado a la Entidad Estatal",
        ["Rejected"] = "Rechazado",
        ["Approved"] = "Aprobado",
        ["Paid"] = "Pagado",
    };

    public async Task WriteCountryAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.RequestAborted;
        context.Response.ContentType = "text/csv; charset=utf-8";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
        await writer.WriteAsync(Header + "\r\n");

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        int last;
        await using (var max = new NpgsqlCommand("""SELECT coalesce(max("Id"), 0) FROM "Contracts" """, connection))
        {
            last = (int)(await max.ExecuteScalarAsync(cancellationToken))!;
        }

        var line = new StringBuilder(512);
        for (var from = 1; from <= last; from += ContractsPerStatement)
        {
            await using var command = new NpgsqlCommand("""
                SELECT e."Name", e."Nit", c."Number", c."StartsOn", u."FullName",
                       CASE WHEN u."PersonType" = 'LegalPerson' AND u."DocumentType" = 'Nit' THEN u."DocumentNumber" END,
                       p."Sequence", p."InvoiceNumber", p."Cufe", p."FilingNumber", p."Status", p."IssuedOn", p."ReceivedOn",
                       p."DueOn", p."PaidOn", p."NetValue", p."TotalValue", p."ApprovedRpNumber"
                FROM "PaymentRequests" p
                JOIN "Contracts" c ON c."Id" = p."ContractId"
                JOIN "PublicEntities" e ON e."Id" = c."EntityId"
                JOIN "AspNetUsers" u ON u."Id" = p."ContractorId"
                WHERE p."ContractId" >= $1 AND p."ContractId" < $2 AND p."Status" IN ('Sent', 'Rejected', 'Approved', 'Paid')
                ORDER BY p."ContractId", p."Sequence"
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = from });
            command.Parameters.Add(new NpgsqlParameter { Value = from + ContractsPerStatement });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                line.Clear();
                Text(line, reader.GetString(0)).Append(',');
                Text(line, reader.GetString(1)).Append(',');
                Text(line, reader.GetString(2)).Append(',');
                Date(line, reader, 3).Append(',');
                Text(line, reader.GetString(4)).Append(',');
                Text(line, reader.IsDBNull(5) ? null : reader.GetString(5)).Append(',');
                line.Append(reader.GetInt32(6).ToString(CultureInfo.InvariantCulture)).Append(',');
                Text(line, reader.IsDBNull(7) ? null : reader.GetString(7)).Append(',');
                Text(line, reader.IsDBNull(8) ? null : reader.GetString(8)).Append(',');
                Text(line, reader.IsDBNull(9) ? null : reader.GetString(9)).Append(',');
                Text(line, States.GetValueOrDefault(reader.GetString(10), reader.GetString(10))).Append(',');
                Date(line, reader, 11).Append(',');
                Date(line, reader, 12).Append(',');
                Date(line, reader, 13).Append(',');
                Date(line, reader, 14).Append(',');
                Money(line, reader, 15).Append(',');
                Money(line, reader, 16).Append(',');
                Text(line, reader.IsDBNull(17) ? null : reader.GetString(17)).Append("\r\n");
                await writer.WriteAsync(line, cancellationToken);
            }
        }
    }

    /// <summary>RFC 4180: quoted when it holds a comma, a quote or a line break, quotes doubled.</summary>
    private static StringBuilder Text(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return line;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? line.Append(value)
            : line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static StringBuilder Date(StringBuilder line, NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? line : line.Append(reader.GetFieldValue<DateOnly>(column).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static StringBuilder Money(StringBuilder line, NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? line : line.Append(reader.GetDecimal(column).ToString("0.00", CultureInfo.InvariantCulture));
}
