using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Npgsql;

namespace SecopPortal.Bench.Baseline;

/// <summary>
/// The same reads as the portal's contract detail, "Cuentas por revisar", "Mis contratos" and the admin's search
/// by number, for the same rows, in one round trip per page, and the same tables (same <c>data-label</c>s, so the
/// benchmark checks both with one rule). What a hand-written page costs on this schema: the portal's ceiling.
/// </summary>
public sealed class BaselinePages(NpgsqlDataSource dataSource)
{
    private const int PageSize = 20;
    private static readonly CultureInfo Colombia = CultureInfo.GetCultureInfo("es-CO");
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    private static readonly Dictionary<string, string> PaymentStates = new(StringComparer.Ordinal)
    {
        ["Editing"] = "En edición",
        ["PendingRegistration"] = "Pendiente de registro",
        ["Sent"] = "Enviado a la Entidad Estatal",
        ["Rejected"] = "Rechazado",
        ["Approved"] = "Aprobado",
        ["Paid"] = "Pagado",
    };

    private static readonly Dictionary<string, string> ContractStates = new(StringComparer.Ordinal)
    {
        ["Signed"] = "Firmado",
        ["InExecution"] = "En ejecución",
        ["Suspended"] = "Suspendido",
        ["Terminated"] = "Terminado",
        ["Closed"] = "Cerrado",
        ["Cancelled"] = "Cancelado",
    };

    public async Task<IResult> DetailAsync(int contractId, Guid viewerId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("""
            SELECT c."Number", c."Purpose", c."Status", c."TotalValue", c."MonthlyFee", c."SignedOn", c."StartsOn", c."EndsOn",
                   c."CdpNumber", c."RpNumber", e."Name", e."Nit", k."FullName", k."DocumentNumber", s."FullName"
            FROM "Contracts" c
            JOIN "PublicEntities" e ON e."Id" = c."EntityId"
            JOIN "AspNetUsers" k ON k."Id" = c."ContractorId"
            JOIN "AspNetUsers" s ON s."Id" = c."SupervisorId"
            WHERE c."Id" = $1
            """, contractId));
        batch.BatchCommands.Add(Command("""
            SELECT p."Id", p."Sequence", p."InvoiceNumber", p."IssuedOn", p."ReceivedOn", p."TotalValue", p."Status"
            FROM "PaymentRequests" p
            WHERE p."ContractId" = $1 AND (p."SendCount" > 0 OR p."ContractorId" = $2)
            ORDER BY p."Sequence"
            """, contractId, viewerId));
        batch.BatchCommands.Add(Command("""
            SELECT d."Id", d."Description", d."FileName", d."UploaderSide", u."FullName", d."UploadedAtUtc", d."SizeBytes"
            FROM "ExecutionDocuments" d
            JOIN "AspNetUsers" u ON u."Id" = d."UploadedById"
            WHERE d."ContractId" = $1
            ORDER BY d."UploadedAtUtc" DESC
            """, contractId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return Results.NotFound();
        }

        var number = reader.GetString(0);
        var contractValue = reader.GetDecimal(3);
        var html = Start($"Contrato {number}");
        html.Append("<h1>Contrato ").Append(E(number)).Append("</h1><p>").Append(E(reader.GetString(10))).Append(" · ")
            .Append(E(State(ContractStates, reader.GetString(2)))).Append("</p>");
        html.Append("<section id=\"seccion-1\"><h2>1 Información general</h2><dl>")
            .Append("<dt>Entidad Estatal</dt><dd>").Append(E(reader.GetString(10))).Append(" (NIT ").Append(E(reader.GetString(11))).Append(")</dd>")
            .Append("<dt>Objeto</dt><dd>").Append(E(reader.GetString(1))).Append("</dd>")
            .Append("<dt>Contratista</dt><dd>").Append(E(reader.GetString(12))).Append(' ').Append(E(reader.IsDBNull(13) ? string.Empty : reader.GetString(13))).Append("</dd>")
            .Append("<dt>Supervisor</dt><dd>").Append(E(reader.GetString(14))).Append("</dd>")
            .Append("<dt>Fecha de firma</dt><dd>").Append(Date(reader.GetFieldValue<DateOnly>(5))).Append("</dd>")
            .Append("<dt>Fecha de inicio</dt><dd>").Append(Date(reader.GetFieldValue<DateOnly>(6))).Append("</dd>")
            .Append("<dt>Fecha de terminación</dt><dd>").Append(Date(reader.GetFieldValue<DateOnly>(7))).Append("</dd>")
            .Append("<dt>Valor total</dt><dd>").Append(Money(contractValue)).Append("</dd>")
            .Append("<dt>CDP</dt><dd>").Append(E(reader.IsDBNull(8) ? "—" : reader.GetString(8))).Append("</dd>")
            .Append("<dt>RP</dt><dd>").Append(E(reader.IsDBNull(9) ? "—" : reader.GetString(9))).Append("</dd></dl></section>");

        await reader.NextResultAsync(cancellationToken);
        var plan = new StringBuilder();
        decimal billed = 0, approved = 0, paid = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var total = reader.IsDBNull(5) ? 0 : reader.GetDecimal(5);
            var status = reader.GetString(6);
            billed += status == "Rejected" ? 0 : total;
            approved += status is "Approved" or "Paid" ? total : 0;
            paid += status == "Paid" ? total : 0;
            plan.Append("<tr><td data-label=\"Id de pago\">").Append(reader.GetInt32(1))
                .Append("</td><td data-label=\"Número de factura\">").Append(E(reader.IsDBNull(2) ? "—" : reader.GetString(2)))
                .Append("</td><td data-label=\"Fecha de emisión\">").Append(Date(reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3)))
                .Append("</td><td data-label=\"Fecha de recepción\">").Append(Date(reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4)))
                .Append("</td><td class=\"num\" data-label=\"Valor total de la factura\">").Append(Money(total))
                .Append("</td><td data-label=\"Estado\">").Append(E(State(PaymentStates, status)))
                .Append("</td><td><a href=\"/contratos/").Append(contractId).Append("/cuentas/").Append(reader.GetInt32(0)).Append("\">Detalle</a></td></tr>");
        }

        html.Append("<section id=\"seccion-7\"><h2>7 Ejecución del contrato</h2><dl>")
            .Append("<dt>Valor del contrato</dt><dd>").Append(Money(contractValue)).Append("</dd>")
            .Append("<dt>Valor facturado</dt><dd>").Append(Money(billed)).Append("</dd>")
            .Append("<dt>Valor aprobado</dt><dd>").Append(Money(approved)).Append("</dd>")
            .Append("<dt>Valor pagado</dt><dd>").Append(Money(paid)).Append("</dd>")
            .Append("<dt>Saldo por facturar</dt><dd>").Append(Money(contractValue - billed)).Append("</dd></dl>")
            .Append("<h3>Plan de pagos</h3><table><thead><tr><th>Id de pago</th><th>Número de factura</th><th>Fecha de emisión</th>")
            .Append("<th>Fecha de recepción</th><th>Valor total de la factura</th><th>Estado</th><th></th></tr></thead><tbody>")
            .Append(plan).Append("</tbody></table>");

        await reader.NextResultAsync(cancellationToken);
        html.Append("<h3>Documentos de ejecución del contrato</h3><table><thead><tr><th>Descripción</th><th>Nombre del archivo</th>")
            .Append("<th>Cargado por</th><th>Descargar</th><th>Detalle</th></tr></thead><tbody>");
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt32(0);
            html.Append("<tr><td data-label=\"Descripción\">").Append(E(reader.GetString(1)))
                .Append("</td><td data-label=\"Nombre del archivo\">").Append(E(reader.GetString(2))).Append(" (")
                .Append((reader.GetInt64(6) / 1024.0).ToString("N0", Colombia)).Append(" KB)")
                .Append("</td><td data-label=\"Cargado por\"><strong>").Append(reader.GetString(3) == "Buyer" ? "Comprador" : "Proveedor")
                .Append("</strong> · ").Append(E(reader.GetString(4))).Append(" · ")
                .Append(reader.GetDateTime(5).AddHours(-5).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture))
                .Append("</td><td><a href=\"/contratos/").Append(contractId).Append("/documentos/").Append(id).Append("/descargar\">Descargar</a>")
                .Append("</td><td><a href=\"/contratos/").Append(contractId).Append("/documentos/").Append(id).Append("\">Detalle</a></td></tr>");
        }

        html.Append("</tbody></table></section>");
        return End(html);
    }

    public async Task<IResult> InboxAsync(Guid supervisorId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("""
            SELECT count(*)
            FROM "PaymentRequests" p
            JOIN "Contracts" c ON c."Id" = p."ContractId"
            WHERE c."SupervisorId" = $1 AND p."Status" = 'Sent' AND p."ContractorId" <> $1
            """, supervisorId));
        batch.BatchCommands.Add(Command("""
            SELECT p."Id", p."ContractId", c."Number", e."Name", u."FullName", p."Sequence", p."InvoiceNumber", p."PeriodFrom",
                   p."PeriodTo", p."TotalValue", p."UpdatedAtUtc"
            FROM "Contracts" c
            JOIN "PaymentRequests" p ON p."ContractId" = c."Id"
            JOIN "PublicEntities" e ON e."Id" = c."EntityId"
            JOIN "AspNetUsers" u ON u."Id" = p."ContractorId"
            WHERE c."SupervisorId" = $1 AND p."Status" = 'Sent' AND p."ContractorId" <> $1
            ORDER BY p."UpdatedAtUtc", p."Id"
            LIMIT 20
            """, supervisorId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-5));
        var html = Start("Cuentas por revisar");
        html.Append("<h1>Cuentas por revisar</h1><table><caption>Cuentas por revisar, página 1 de ")
            .Append(Math.Max(1, (count + PageSize - 1) / PageSize)).Append("</caption><thead><tr><th>Contratista</th><th>Contrato</th>")
            .Append("<th>Entidad Estatal</th><th>Id de pago</th><th>Número de factura</th><th>Periodo</th><th>Valor total</th>")
            .Append("<th>Enviada</th><th>Días hábiles en espera</th><th></th></tr></thead><tbody>");
        while (await reader.ReadAsync(cancellationToken))
        {
            var number = reader.GetString(2);
            var sentOn = DateOnly.FromDateTime(reader.GetDateTime(10).AddHours(-5));
            html.Append("<tr><td data-label=\"Contratista\" class=\"review-inbox__contractor\">").Append(E(reader.GetString(4)))
                .Append("</td><td data-label=\"Contrato\"><a href=\"/contratos/").Append(reader.GetInt32(1)).Append("\">").Append(E(number))
                .Append("</a></td><td data-label=\"Entidad Estatal\">").Append(E(reader.GetString(3)))
                .Append("</td><td data-label=\"Id de pago\" class=\"num\">").Append(reader.GetInt32(5))
                .Append("</td><td data-label=\"Número de factura\">").Append(E(reader.IsDBNull(6) ? "—" : reader.GetString(6)))
                .Append("</td><td data-label=\"Periodo\">").Append(Date(reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7)))
                .Append(" – ").Append(Date(reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8)))
                .Append("</td><td data-label=\"Valor total\" class=\"num\">").Append(Money(reader.IsDBNull(9) ? null : reader.GetDecimal(9)))
                .Append("</td><td data-label=\"Enviada\">").Append(Date(sentOn))
                .Append("</td><td data-label=\"Días hábiles en espera\" class=\"num\">").Append(WeekdaysBetween(sentOn, today))
                .Append("</td><td><a href=\"/revision/").Append(reader.GetInt32(0)).Append("\">Revisar</a></td></tr>");
        }

        html.Append("</tbody></table>");
        return End(html);
    }

    public async Task<IResult> ContractsAsync(Guid contractorId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("""SELECT count(*) FROM "Contracts" WHERE "ContractorId" = $1""", contractorId));
        batch.BatchCommands.Add(Command("""
            SELECT c."Id", c."Number", e."Name", c."SignedOn", c."EndsOn", c."TotalValue", c."Status"
            FROM "Contracts" c
            JOIN "PublicEntities" e ON e."Id" = c."EntityId"
            WHERE c."ContractorId" = $1
            ORDER BY c."SignedOn" DESC, c."Id" DESC
            LIMIT 20
            """, contractorId));
        return await ContractTableAsync(batch, "Mis contratos", withContractor: false, cancellationToken);
    }

    public async Task<IResult> AdminSearchAsync(string number, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("""SELECT count(*) FROM "Contracts" WHERE "Number" = $1""", number));
        batch.BatchCommands.Add(Command("""
            SELECT c."Id", c."Number", e."Name", c."SignedOn", c."EndsOn", c."TotalValue", c."Status", u."FullName"
            FROM "Contracts" c
            JOIN "PublicEntities" e ON e."Id" = c."EntityId"
            JOIN "AspNetUsers" u ON u."Id" = c."ContractorId"
            WHERE c."Number" = $1
            ORDER BY c."SignedOn" DESC, c."Id" DESC
            LIMIT 20
            """, number));
        return await ContractTableAsync(batch, "Contratos", withContractor: true, cancellationToken);
    }

    /// <summary>
    /// The public search by a name: the entities whose folded name starts so, then (when none) the contractors, a
    /// page of their contracts in (name, id) order — both reads in the one round trip.
    /// </summary>
    public async Task<IResult> PublicSearchAsync(string folded, CancellationToken cancellationToken)
    {
        var below = folded[..^1] + (char)(folded[^1] + 1);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"""
            {PublicRowColumns}
            FROM "PublicEntities" n
            JOIN "Contracts" c ON c."EntityId" = n."Id"
            JOIN "PublicEntities" e ON e."Id" = c."EntityId"
            JOIN "AspNetUsers" u ON u."Id" = c."ContractorId"
            WHERE n."NormalizedName" >= $1 AND n."NormalizedName" < $2
            ORDER BY n."NormalizedName", c."Id"
            LIMIT 21
            """, folded, below));
        batch.BatchCommands.Add(Command($"""
            {PublicRowColumns}
            FROM "AspNetUsers" u
            JOIN "Contracts" c ON c."ContractorId" = u."Id"
            JOIN "PublicEntities" e ON e."Id" = c."EntityId"
            WHERE u."NormalizedFullName" >= $1 AND u."NormalizedFullName" < $2
            ORDER BY u."NormalizedFullName", c."Id"
            LIMIT 21
            """, folded, below));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var html = PublicSearchStart();
        if (!await PublicRowsAsync(reader, html, cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            await PublicRowsAsync(reader, html, cancellationToken);
        }

        html.Append("</tbody></table>");
        return End(html);
    }

    /// <summary>The public search by the beginning of a contract number.</summary>
    public async Task<IResult> PublicNumberAsync(string number, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"""
            {PublicRowColumns}
            FROM "Contracts" c
            JOIN "PublicEntities" e ON e."Id" = c."EntityId"
            JOIN "AspNetUsers" u ON u."Id" = c."ContractorId"
            WHERE c."Number" >= $1 AND c."Number" < $2
            ORDER BY c."Number", c."Id"
            LIMIT 21
            """, number, number[..^1] + (char)(number[^1] + 1)));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var html = PublicSearchStart();
        await PublicRowsAsync(reader, html, cancellationToken);
        html.Append("</tbody></table>");
        return End(html);
    }

    /// <summary>
    /// A contract's public page: its facts (the contractor's document only for a persona jurídica), the requests sent
    /// to the entity with their latest sending and approval, the published execution documents.
    /// </summary>
    public async Task<IResult> PublicDetailAsync(int contractId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("""
            SELECT c."Number", c."Purpose", c."Status", c."TotalValue", c."MonthlyFee", c."SignedOn", c."StartsOn", c."EndsOn",
                   c."CdpNumber", c."RpNumber", e."Name", e."Nit", k."FullName",
                   CASE WHEN c."ContractorPersonType" = 'LegalPerson' THEN k."DocumentNumber" END, s."FullName"
            FROM "Contracts" c
            JOIN "PublicEntities" e ON e."Id" = c."EntityId"
            JOIN "AspNetUsers" k ON k."Id" = c."ContractorId"
            JOIN "AspNetUsers" s ON s."Id" = c."SupervisorId"
            WHERE c."Id" = $1
            """, contractId));
        batch.BatchCommands.Add(Command("""
            SELECT p."Sequence", p."InvoiceNumber", p."PeriodFrom", p."PeriodTo",
                   (SELECT max(t."AtUtc") FROM "PaymentRequestTransitions" t WHERE t."PaymentRequestId" = p."Id" AND t."To" = 'Sent'),
                   (SELECT max(t."AtUtc") FROM "PaymentRequestTransitions" t WHERE t."PaymentRequestId" = p."Id" AND t."To" = 'Approved'),
                   p."PaidOn", p."TotalValue", p."Status"
            FROM "PaymentRequests" p
            WHERE p."ContractId" = $1 AND p."Status" IN ('Sent', 'Rejected', 'Approved', 'Paid')
            ORDER BY p."Sequence"
            """, contractId));
        batch.BatchCommands.Add(Command("""
            SELECT d."Id", d."Description", d."UploaderSide", d."UploadedAtUtc", d."SizeBytes"
            FROM "ExecutionDocuments" d
            WHERE d."ContractId" = $1 AND d."IsPublished"
            ORDER BY d."UploadedAtUtc" DESC
            """, contractId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return Results.NotFound();
        }

        var number = reader.GetString(0);
        var html = Start($"Contrato {number}");
        html.Append("<header><a href=\"/publico/contratos\">Consulta pública de contratos</a> <a href=\"/cuenta/iniciar-sesion\">Ingresar</a></header>")
            .Append("<h1>Contrato ").Append(E(number)).Append("</h1><p>").Append(E(reader.GetString(10))).Append(" · ")
            .Append(E(State(ContractStates, reader.GetString(2)))).Append("</p>");
        html.Append("<section id=\"seccion-1\"><h2>1 Información general</h2><dl>")
            .Append("<dt>Entidad Estatal</dt><dd>").Append(E(reader.GetString(10))).Append(" (NIT ").Append(E(reader.GetString(11))).Append(")</dd>")
            .Append("<dt>Objeto</dt><dd>").Append(E(reader.GetString(1))).Append("</dd>")
            .Append("<dt>Contratista</dt><dd>").Append(E(reader.GetString(12)))
            .Append(reader.IsDBNull(13) ? string.Empty : " · NIT " + E(reader.GetString(13))).Append("</dd>")
            .Append("<dt>Supervisor</dt><dd>").Append(E(reader.GetString(14))).Append("</dd></dl></section>")
            .Append("<section id=\"seccion-2\"><h2>2 Condiciones</h2><dl>")
            .Append("<dt>Fecha de firma</dt><dd>").Append(Date(reader.GetFieldValue<DateOnly>(5))).Append("</dd>")
            .Append("<dt>Fecha de inicio</dt><dd>").Append(Date(reader.GetFieldValue<DateOnly>(6))).Append("</dd>")
            .Append("<dt>Fecha de terminación</dt><dd>").Append(Date(reader.GetFieldValue<DateOnly>(7))).Append("</dd>")
            .Append("<dt>Valor total</dt><dd>").Append(Money(reader.GetDecimal(3))).Append("</dd>")
            .Append("<dt>Valor mensual pactado</dt><dd>").Append(reader.IsDBNull(4) ? "No pactado" : Money(reader.GetDecimal(4))).Append("</dd></dl></section>")
            .Append("<section id=\"seccion-3\"><h2>3 Bienes y servicios</h2><dl><dt>Descripción</dt><dd>").Append(E(reader.GetString(1)))
            .Append("</dd><dt>Valor</dt><dd>").Append(Money(reader.GetDecimal(3))).Append("</dd></dl></section>")
            .Append("<section id=\"seccion-6\"><h2>6 Información presupuestal</h2><dl>")
            .Append("<dt>CDP</dt><dd>").Append(E(reader.IsDBNull(8) ? "—" : reader.GetString(8))).Append("</dd>")
            .Append("<dt>RP</dt><dd>").Append(E(reader.IsDBNull(9) ? "—" : reader.GetString(9))).Append("</dd></dl></section>");

        await reader.NextResultAsync(cancellationToken);
        html.Append("<section id=\"seccion-7\"><h2>7 Ejecución del contrato</h2><h3>Plan de pagos</h3><table><thead><tr><th>Id de pago</th>")
            .Append("<th>Número de factura</th><th>Periodo</th><th>Fecha de envío</th><th>Fecha de aprobación</th><th>Fecha de pago</th>")
            .Append("<th>Valor total de la factura</th><th>Estado</th></tr></thead><tbody>");
        while (await reader.ReadAsync(cancellationToken))
        {
            html.Append("<tr><td data-label=\"Id de pago\">").Append(reader.GetInt32(0))
                .Append("</td><td data-label=\"Número de factura\">").Append(E(reader.IsDBNull(1) ? "—" : reader.GetString(1)))
                .Append("</td><td data-label=\"Periodo\">").Append(Date(reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2)))
                .Append(" – ").Append(Date(reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3)))
                .Append("</td><td data-label=\"Fecha de envío\">").Append(Time(reader.IsDBNull(4) ? null : reader.GetDateTime(4)))
                .Append("</td><td data-label=\"Fecha de aprobación\">").Append(Time(reader.IsDBNull(5) ? null : reader.GetDateTime(5)))
                .Append("</td><td data-label=\"Fecha de pago\">").Append(Date(reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6)))
                .Append("</td><td class=\"num\" data-label=\"Valor total de la factura\">").Append(Money(reader.IsDBNull(7) ? null : reader.GetDecimal(7)))
                .Append("</td><td data-label=\"Estado\">").Append(E(State(PaymentStates, reader.GetString(8)))).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        await reader.NextResultAsync(cancellationToken);
        html.Append("<h3>Documentos de ejecución del contrato</h3><table><thead><tr><th>Descripción</th><th>Publicado por</th>")
            .Append("<th>Fecha de publicación</th><th>Tamaño</th><th></th></tr></thead><tbody>");
        while (await reader.ReadAsync(cancellationToken))
        {
            html.Append("<tr><td data-label=\"Descripción\">").Append(E(reader.GetString(1)))
                .Append("</td><td data-label=\"Publicado por\">").Append(reader.GetString(2) == "Buyer" ? "Comprador" : "Proveedor")
                .Append("</td><td data-label=\"Fecha de publicación\">").Append(Time(reader.GetDateTime(3)))
                .Append("</td><td data-label=\"Tamaño\">").Append((reader.GetInt64(4) / 1024.0).ToString("0.#", Colombia)).Append(" KB")
                .Append("</td><td><a href=\"/publico/contratos/").Append(contractId).Append("/documentos/").Append(reader.GetInt32(0))
                .Append("/descargar\">Descargar</a></td></tr>");
        }

        html.Append("</tbody></table></section>");
        return End(html);
    }

    private const string PublicRowColumns = """
        SELECT c."Id", c."Number", e."Name", u."FullName", c."Purpose", c."TotalValue", c."Status"
        """;

    private static StringBuilder PublicSearchStart() =>
        Start("Consulta pública de contratos")
            .Append("<header><a href=\"/publico/contratos\">Consulta pública de contratos</a> <a href=\"/cuenta/iniciar-sesion\">Ingresar</a></header>")
            .Append("<h1>Consulta pública de contratos</h1><form method=\"get\"><input type=\"search\" name=\"q\"><button>Buscar</button></form>")
            .Append("<table><thead><tr><th>Número del contrato</th><th>Entidad Estatal</th><th>Contratista</th><th>Objeto del contrato</th>")
            .Append("<th>Valor total</th><th>Estado</th><th></th></tr></thead><tbody>");

    /// <summary>Writes up to a page of rows (the 21st only says there is a next page); false when the result is empty.</summary>
    private static async Task<bool> PublicRowsAsync(NpgsqlDataReader reader, StringBuilder html, CancellationToken cancellationToken)
    {
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (++rows > PageSize)
            {
                html.Append("<tr><td colspan=\"7\"><a href=\"?despues=\">Siguiente</a></td></tr>");
                break;
            }

            var id = reader.GetInt32(0);
            var purpose = reader.GetString(4);
            html.Append("<tr><td data-label=\"Número del contrato\">").Append(E(reader.GetString(1)))
                .Append("</td><td data-label=\"Entidad Estatal\">").Append(E(reader.GetString(2)))
                .Append("</td><td data-label=\"Contratista\">").Append(E(reader.GetString(3)))
                .Append("</td><td data-label=\"Objeto del contrato\">").Append(E(purpose.Length > 110 ? purpose[..110] + "…" : purpose))
                .Append("</td><td class=\"num\" data-label=\"Valor total\">").Append(Money(reader.GetDecimal(5)))
                .Append("</td><td data-label=\"Estado\">").Append(E(State(ContractStates, reader.GetString(6))))
                .Append("</td><td><a href=\"/publico/contratos/").Append(id).Append("\">Ver contrato</a></td></tr>");
        }

        return rows > 0;
    }

    private static string Time(DateTime? utc) =>
        utc is { } value ? value.AddHours(-5).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "—";

    private static async Task<IResult> ContractTableAsync(NpgsqlBatch batch, string heading, bool withContractor, CancellationToken cancellationToken)
    {
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var html = Start(heading);
        html.Append("<h1>").Append(heading).Append("</h1><table><caption>").Append(heading).Append(", página 1 de ")
            .Append(Math.Max(1, (count + PageSize - 1) / PageSize)).Append("</caption><thead><tr><th>Id del contrato</th><th>Número del contrato</th>")
            .Append("<th>Entidad Estatal</th>").Append(withContractor ? "<th>Contratista</th>" : string.Empty)
            .Append("<th>Fecha de firma</th><th>Fecha de finalización</th><th>Valor total</th><th>Estado</th><th></th></tr></thead><tbody>");
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt32(0);
            html.Append("<tr><td data-label=\"Id del contrato\">").Append(id)
                .Append("</td><td data-label=\"Número del contrato\">").Append(E(reader.GetString(1)))
                .Append("</td><td data-label=\"Entidad Estatal\">").Append(E(reader.GetString(2))).Append("</td>");
            if (withContractor)
            {
                html.Append("<td data-label=\"Contratista\">").Append(E(reader.GetString(7))).Append("</td>");
            }

            html.Append("<td data-label=\"Fecha de firma\">").Append(Date(reader.GetFieldValue<DateOnly>(3)))
                .Append("</td><td data-label=\"Fecha de finalización\">").Append(Date(reader.GetFieldValue<DateOnly>(4)))
                .Append("</td><td class=\"num\" data-label=\"Valor total\">").Append(Money(reader.GetDecimal(5)))
                .Append("</td><td data-label=\"Estado\">").Append(E(State(ContractStates, reader.GetString(6))))
                .Append("</td><td><a href=\"/contratos/").Append(id).Append("\">Detalle</a></td></tr>");
        }

        html.Append("</tbody></table>");
        return End(html);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static StringBuilder Start(string title) =>
        new StringBuilder(16 * 1024).Append("<!DOCTYPE html><html lang=\"es-CO\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(title)).Append(" · Baseline</title></head><body><main>");

    private static IResult End(StringBuilder html) =>
        Results.Content(html.Append("</main></body></html>").ToString(), "text/html; charset=utf-8");

    private static string E(string value) => Html.Encode(value);

    private static string State(Dictionary<string, string> labels, string value) => labels.TryGetValue(value, out var label) ? label : value;

    private static string Date(DateOnly? value) => value?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "—";

    private static string Money(decimal? value) =>
        value is { } v ? "$ " + v.ToString(decimal.Truncate(v) == v ? "N0" : "N2", Colombia) : "—";

    /// <summary>Monday–Friday between two days (holidays left out: the portal's calendar is not this baseline's business).</summary>
    private static int WeekdaysBetween(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            days += d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
        }

        return days;
    }
}
