using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Npgsql;
using SecopPortal.Infrastructure.Auditing;

namespace SecopPortal.Bench.Baseline;

/// <summary>
/// Administración → Auditoría by hand: the newest 50 entries (optionally of the one user an e-mail names, as the one
/// who acted) in one keyset query on (OccurredAtUtc, Id) — or (ActorId, OccurredAtUtc, Id) — with the contract numbers
/// and the e-mails of the accounts affected joined in, rendered as the portal's table (same cells, same data-labels).
/// </summary>
public sealed class BaselineAudit(NpgsqlDataSource dataSource)
{
    private const int PageSize = 50;
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public async Task<IResult> PageAsync(string? usuario, CancellationToken cancellationToken)
    {
        var byUser = !string.IsNullOrWhiteSpace(usuario);
        await using var command = dataSource.CreateCommand($"""
            SELECT a."OccurredAtUtc", a."Kind", a."ActorId", coalesce(a."ActorEmail", au."Email"), a."ClientAddress", a."ContractId", c."Number",
                   a."PaymentRequestId", su."Email", a."Detail"
            FROM (SELECT e."Id", e."OccurredAtUtc", e."Kind", e."ActorId", e."ActorEmail", e."ClientAddress", e."ContractId", e."PaymentRequestId",
                         e."SubjectUserId", e."Detail"
                  FROM "AuditEntries" e
                  {(byUser ? """WHERE e."ActorId" = (SELECT u."Id" FROM "AspNetUsers" u WHERE u."NormalizedEmail" = upper($1))""" : string.Empty)}
                  ORDER BY e."OccurredAtUtc" DESC, e."Id" DESC
                  LIMIT {PageSize + 1}) a
            LEFT JOIN "Contracts" c ON c."Id" = a."ContractId"
            LEFT JOIN "AspNetUsers" au ON a."ActorEmail" IS NULL AND au."Id" = a."ActorId"
            LEFT JOIN "AspNetUsers" su ON su."Id" = a."SubjectUserId"
            ORDER BY a."OccurredAtUtc" DESC, a."Id" DESC
            """);
        if (byUser)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = usuario!.Trim() });
        }

        var html = new StringBuilder(32 * 1024).Append("<!DOCTYPE html><html lang=\"es-CO\"><head><meta charset=\"utf-8\"><title>Auditoría · Baseline</title></head><body><main>")
            .Append("<h1>Auditoría</h1>");
        if (byUser)
        {
            html.Append("<p>Usuario: ").Append(E(usuario!)).Append("</p>");
        }

        html.Append("<table><thead><tr><th>Fecha y hora</th><th>Evento</th><th>Usuario</th><th>Dirección IP</th><th>Contrato</th><th>Detalle</th></tr></thead><tbody>");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (++rows > PageSize)
            {
                break;
            }

            html.Append("<tr><td data-label=\"Fecha y hora\">")
                .Append(reader.GetDateTime(0).AddHours(-5).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture))
                .Append("</td><td data-label=\"Evento\">").Append(E(Enum.Parse<AuditKind>(reader.GetString(1)).ToLabel()))
                .Append("</td><td data-label=\"Usuario\">")
                .Append(E(reader.IsDBNull(3) ? (reader.IsDBNull(2) ? "Sistema" : "—") : reader.GetString(3)))
                .Append("</td><td data-label=\"Dirección IP\">").Append(E(reader.IsDBNull(4) ? "—" : reader.GetString(4)))
                .Append("</td><td data-label=\"Contrato\">");
            if (reader.IsDBNull(5))
            {
                html.Append('—');
            }
            else
            {
                var contractId = reader.GetInt32(5);
                html.Append("<a href=\"/administracion/auditoria?contratoId=").Append(contractId).Append("\">")
                    .Append(reader.IsDBNull(6) ? "Id " + contractId.ToString(CultureInfo.InvariantCulture) : E(reader.GetString(6))).Append("</a>");
                if (!reader.IsDBNull(7))
                {
                    html.Append("<br>Cuenta de cobro ").Append(reader.GetInt32(7));
                }
            }

            html.Append("</td><td data-label=\"Detalle\">").Append(E(reader.GetString(9)));
            if (!reader.IsDBNull(8))
            {
                html.Append("<br>Cuenta afectada: ").Append(E(reader.GetString(8)));
            }

            html.Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        if (rows > PageSize)
        {
            html.Append("<nav><a href=\"?despues=\">Siguiente</a></nav>");
        }

        return Results.Content(html.Append("</main></body></html>").ToString(), "text/html; charset=utf-8");
    }

    private static string E(string value) => Html.Encode(value);
}
