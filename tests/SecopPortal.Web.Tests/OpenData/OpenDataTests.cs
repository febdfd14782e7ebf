using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.OpenData;
using SecopPortal.Domain.Common;
using SecopPortal.Web.Tests.Infrastructure;
using SecopPortal.Web.Tests.Review;
using static SecopPortal.Web.Tests.OpenData.OpenDataTestSupport;

namespace SecopPortal.Web.Tests.OpenData;

/// <summary>
/// The open data through HTTP, anonymous, on a contract of the test's own (<see cref="OpenDataCase"/>): the public
/// Plan de pagos as CSV (per contract, per entity, the whole country) and the contract's OCDS release, checked
/// against what the OCDS 1.1 release schema and its codelists require and against what may never be published.
/// </summary>
public abstract partial class OpenDataTests(PortalFixture fixture) : StoppedClockTests(fixture, Now)
{
    /// <summary>"Now" for these tests: the requests are filed, approved and paid month by month from January 2026.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    /// <summary>The header of docs/open-data.md, written out again here so that changing the columns breaks a test.</summary>
    internal static readonly string[] ExpectedColumns =
    [
        "nombre_entidad", "nit_entidad", "id_del_contrato", "fecha_inicio_contrato", "nombre_proveedor", "documento_proveedor",
        "id_de_pago", "numero_de_factura", "cufe", "numero_de_radicacion", "estado", "fecha_de_emision", "fecha_de_recepcion",
        "fecha_de_vencimiento", "fecha_real_de_pago", "valor_neto", "valor_total", "compromiso_presupuestal",
    ];

    // OCDS 1.1 codelists (standard.open-contracting.org/1.1/en/schema/codelists/), the codes a release may use.
    private static readonly HashSet<string> ReleaseTags =
    [
        "planning", "planningUpdate", "tender", "tenderAmendment", "tenderUpdate", "tenderCancellation", "award", "awardUpdate",
        "awardCancellation", "contract", "contractUpdate", "contractAmendment", "implementation", "implementationUpdate",
        "contractTermination", "compiled",
    ];

    private static readonly HashSet<string> PartyRoles =
    [
        "buyer", "procuringEntity", "supplier", "tenderer", "funder", "enquirer", "payer", "payee", "reviewBody", "interestedParty",
    ];

    private static readonly HashSet<string> MilestoneTypes = ["preProcurement", "approval", "engagement", "assessment", "delivery", "reporting", "financing"];

    private static readonly HashSet<string> MilestoneStatuses = ["scheduled", "met", "notMet", "partiallyMet"];

    private static readonly HashSet<string> ContractStatuses = ["pending", "active", "cancelled", "terminated"];

    private static readonly HashSet<string> AwardStatuses = ["pending", "active", "cancelled", "unsuccessful"];

    private static readonly HashSet<string> DocumentTypes =
    [
        "plannedProcurementNotice", "tenderNotice", "awardNotice", "contractNotice", "completionCertificate", "procurementPlan",
        "biddingDocuments", "technicalSpecifications", "evaluationCriteria", "evaluationReports", "contractDraft", "contractSigned",
        "contractArrangements", "contractSchedule", "physicalProgressReport", "financialProgressReport", "finalAudit", "hearingNotice",
        "marketStudies", "eligibilityCriteria", "clarifications", "shortlistedFirms", "environmentalImpact",
        "assetAndLiabilityAssessment", "riskProvisions", "winningBid", "complaints", "contractAnnexe", "contractGuarantees",
        "subContract", "needsAssessment", "feasibilityStudy", "projectPlan", "billOfQuantity", "bidders", "conflictOfInterest",
        "debarments", "illustration", "submissionDocuments", "contractSummary", "cancellationDetails",
    ];

    [Fact]
    public async Task The_contract_csv_has_the_documented_header_and_one_row_per_public_request_with_rfc4180_quoting()
    {
        var open = await NewCaseAsync(Factory);
        using var client = PortalHttp.ClientOf(Factory);

        using var response = await client.GetAsync(ContractCsv(open.ContractId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = new UTF8Encoding(false).GetString(bytes[3..]);
        var records = ParseCsv(text);
        Assert.Equal(ExpectedColumns, records[0]);
        var rows = records.Skip(1).Select(r => ExpectedColumns.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.All(records, r => Assert.Equal(ExpectedColumns.Length, r.Count));

        // Ids de pago 1 to 4 are public; the draft (5) is not there at all.
        Assert.Equal(["1", "2", "3", "4"], rows.Select(r => r["id_de_pago"]));
        Assert.Equal(["Pagado", "Aprobado", "Rechazado", "Enviado a la Entidad Estatal"], rows.Select(r => r["estado"]));
        Assert.All(rows, r => Assert.Equal(open.EntityName, r["nombre_entidad"]));
        Assert.All(rows, r => Assert.Equal(open.EntityNit, r["nit_entidad"]));
        Assert.All(rows, r => Assert.Equal(open.Review.ContractNumber, r["id_del_contrato"]));

        // The entity's comma and quotes, and the invoice's comma, quotes and line break, survive the round trip.
        Assert.Contains("\"Alcaldía de Prueba, \"\"Sede\"\" Norte", text, StringComparison.Ordinal);
        Assert.Equal(open.InvoiceNeedingQuotes, rows[0]["numero_de_factura"]);

        // Dates ISO, amounts with a dot; a persona natural's document is never there.
        Assert.Matches(IsoDate(), rows[0]["fecha_real_de_pago"]);
        Assert.Matches(IsoDate(), rows[0]["fecha_de_emision"]);
        Assert.Equal("2000000.00", rows[0]["valor_total"]);
        Assert.Equal(string.Empty, rows[0]["documento_proveedor"]);
        Assert.Equal(string.Empty, rows[3]["fecha_real_de_pago"]);
        Assert.Equal("RP-2026-0457", rows[0]["compromiso_presupuestal"]);
        AssertNothingPrivate(open, text);
    }

    [Fact]
    public async Task The_documented_header_is_the_one_in_docs_open_data()
    {
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "open-data.md"));

        Assert.Equal(ExpectedColumns, PaymentPlanCsv.Columns);
        Assert.Contains(string.Join(",", ExpectedColumns), docs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_country_csv_holds_every_entitys_public_requests_and_filters_by_nit()
    {
        var open = await NewCaseAsync(Factory);
        var other = await NewCaseAsync(Factory);
        using var client = PortalHttp.ClientOf(Factory);

        var country = await client.GetStringAsync(CountryCsv);
        var oneEntity = await client.GetStringAsync($"{CountryCsv}?nit={Uri.EscapeDataString(open.EntityNit)}");

        var countryRows = ParseCsv(country.TrimStart('\uFEFF')).Skip(1).ToList();
        Assert.Equal(4, countryRows.Count(r => r[2] == open.Review.ContractNumber));
        Assert.Equal(4, countryRows.Count(r => r[2] == other.Review.ContractNumber));
        var entityRows = ParseCsv(oneEntity.TrimStart('\uFEFF')).Skip(1).ToList();
        Assert.Equal(4, entityRows.Count);
        Assert.All(entityRows, r => Assert.Equal(open.EntityNit, r[1]));
        AssertNothingPrivate(open, country);
        AssertNothingPrivate(other, country);
    }

    [Fact]
    public async Task The_country_file_read_in_ranges_of_contract_ids_has_every_row_once_in_order_whatever_the_range()
    {
        await NewCaseAsync(Factory);
        await NewCaseAsync(Factory);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        // Ranges of 1 and 3 ids cross every boundary the national ranges of 2,000 would; the oracle is one statement per contract.
        var oracle = new List<string>();
        foreach (var contractId in await db.Contracts.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync())
        {
            oracle.AddRange(await Keys(new PaymentPlanRows(db).ReadAsync(new PaymentPlanScope(ContractId: contractId), CancellationToken.None)));
        }

        Assert.True(oracle.Count >= 8, $"only {oracle.Count} public requests in the database");
        foreach (var range in new[] { 1, 3, PaymentPlanRows.ContractsPerStatement })
        {
            Assert.Equal(oracle, await Keys(new PaymentPlanRows(db, range).ReadAsync(PaymentPlanScope.Country, CancellationToken.None)));
        }

        static async Task<List<string>> Keys(IAsyncEnumerable<PaymentPlanCsvRow> rows)
        {
            var keys = new List<string>();
            await foreach (var row in rows)
            {
                keys.Add($"{row.ContractNumber}/{row.Sequence}");
            }

            return keys;
        }
    }

    [Fact]
    public async Task Unknown_contracts_and_entities_are_404_and_a_malformed_nit_is_400()
    {
        using var client = PortalHttp.ClientOf(Factory);

        var unknownNit = $"811111110-{NitNumber.CheckDigit("811111110").ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        foreach (var url in new[] { ContractCsv(987_654), ContractOcds(987_654), $"{CountryCsv}?nit={unknownNit}" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
        }

        using var malformed = await client.GetAsync($"{CountryCsv}?nit=abc");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task The_ocds_release_has_what_the_release_schema_requires_and_codes_from_its_codelists()
    {
        var open = await NewCaseAsync(Factory);
        using var client = PortalHttp.ClientOf(Factory);

        using var response = await client.GetAsync(ContractOcds(open.ContractId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var package = json.RootElement;
        Assert.Equal("1.1", package.GetProperty("version").GetString());
        Assert.Equal($"https://localhost{ContractOcds(open.ContractId)}", package.GetProperty("uri").GetString());
        AssertRfc3339(package.GetProperty("publishedDate"));
        Assert.False(string.IsNullOrWhiteSpace(package.GetProperty("publisher").GetProperty("name").GetString()));
        var release = Assert.Single(package.GetProperty("releases").EnumerateArray());

        // Required: ocid (a registered prefix and the contract), id, date, tag, initiationType.
        var ocid = release.GetProperty("ocid").GetString()!;
        Assert.Matches(RegisteredPrefix(), ocid);
        Assert.Equal($"ocds-k50g02-{Id(open.ContractId)}", ocid);
        var id = release.GetProperty("id").GetString()!;
        Assert.StartsWith(ocid + "-", id, StringComparison.Ordinal);
        Assert.DoesNotContain("#", id, StringComparison.Ordinal);
        AssertRfc3339(release.GetProperty("date"));
        var tags = release.GetProperty("tag").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Equal(["contract", "implementation"], tags);
        Assert.Subset(ReleaseTags, tags.ToHashSet());
        Assert.Equal("tender", release.GetProperty("initiationType").GetString());

        // Parties: each once, roles from the codelist, every reference to one names an existing party.
        var parties = release.GetProperty("parties").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p);
        Assert.All(parties.Values, p => Assert.Subset(PartyRoles, p.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToHashSet()));
        var buyer = release.GetProperty("buyer");
        Assert.Contains("buyer", Roles(parties[buyer.GetProperty("id").GetString()!]));
        Assert.Equal(open.EntityName, buyer.GetProperty("name").GetString());
        Assert.Contains("Alcaldía de Prueba", text, StringComparison.Ordinal);
        foreach (var reference in References(release))
        {
            Assert.True(parties.ContainsKey(reference.GetProperty("id").GetString()!), $"A reference to party {reference} that is not in parties.");
            Assert.Equal(parties[reference.GetProperty("id").GetString()!].GetProperty("name").GetString(), reference.GetProperty("name").GetString());
        }

        var supplier = parties.Values.Single(p => Roles(p).Contains("supplier"));
        Assert.False(supplier.TryGetProperty("identifier", out _), "A persona natural's identifier (their document number) is published.");
        Assert.Equal(open.EntityNit, parties[buyer.GetProperty("id").GetString()!].GetProperty("identifier").GetProperty("id").GetString());

        // Award and contract: values in COP, statuses from their codelists, the contract's period.
        var award = Assert.Single(release.GetProperty("awards").EnumerateArray());
        Assert.Contains(award.GetProperty("status").GetString()!, AwardStatuses);
        var contract = Assert.Single(release.GetProperty("contracts").EnumerateArray());
        Assert.Equal(award.GetProperty("id").GetString(), contract.GetProperty("awardID").GetString());
        Assert.Equal("active", contract.GetProperty("status").GetString());
        Assert.Contains(contract.GetProperty("status").GetString()!, ContractStatuses);
        Assert.Equal(open.Review.ContractNumber, contract.GetProperty("title").GetString());
        Assert.Equal(24_000_000m, contract.GetProperty("value").GetProperty("amount").GetDecimal());
        AssertRfc3339(contract.GetProperty("period").GetProperty("startDate"));
        AssertRfc3339(contract.GetProperty("dateSigned"));
        var amounts = Values(release).ToList();
        Assert.True(amounts.Count >= 3, "Expected the award's, the contract's and the transaction's values.");
        Assert.All(amounts, v => Assert.Equal("COP", v.GetProperty("currency").GetString()));

        // Implementation: one milestone per public request (no draft), one transaction for the paid one.
        var implementation = contract.GetProperty("implementation");
        var milestones = implementation.GetProperty("milestones").EnumerateArray().ToList();
        Assert.Equal(["pago-1", "pago-2", "pago-3", "pago-4"], milestones.Select(m => m.GetProperty("id").GetString()));
        Assert.All(milestones, m => Assert.Contains(m.GetProperty("type").GetString()!, MilestoneTypes));
        Assert.All(milestones, m => Assert.Contains(m.GetProperty("status").GetString()!, MilestoneStatuses));
        Assert.Equal(["met", "scheduled", "notMet", "scheduled"], milestones.Select(m => m.GetProperty("status").GetString()));
        AssertRfc3339(milestones[0].GetProperty("dateMet"));
        Assert.False(milestones[1].TryGetProperty("dateMet", out _));
        var transaction = Assert.Single(implementation.GetProperty("transactions").EnumerateArray());
        Assert.Equal("pago-1", transaction.GetProperty("id").GetString());
        Assert.Equal(2_000_000m, transaction.GetProperty("value").GetProperty("amount").GetDecimal());
        Assert.Equal(buyer.GetProperty("id").GetString(), transaction.GetProperty("payer").GetProperty("id").GetString());
        Assert.Contains("payee", Roles(parties[transaction.GetProperty("payee").GetProperty("id").GetString()!]));
        AssertRfc3339(transaction.GetProperty("date"));

        // Documents: types from the codelist, the public download route, never the file name.
        var document = Assert.Single(implementation.GetProperty("documents").EnumerateArray());
        Assert.Contains(document.GetProperty("documentType").GetString()!, DocumentTypes);
        var url = document.GetProperty("url").GetString()!;
        Assert.Equal($"https://localhost/publico/contratos/{Id(open.ContractId)}/documentos/{Id(open.DocumentId)}/descargar", url);
        using var download = await client.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode); // the link leads to the published file, anonymously
        AssertNothingPrivate(open, text);
    }

    [Fact]
    public async Task The_contract_files_carry_an_etag_answer_304_when_unchanged_and_change_with_the_data()
    {
        var open = await NewCaseAsync(Factory);
        using var client = PortalHttp.ClientOf(Factory);

        foreach (var url in new[] { ContractCsv(open.ContractId), ContractOcds(open.ContractId) })
        {
            using var first = await client.GetAsync(url);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            Assert.False(etag.IsWeak);
            Assert.True(first.Headers.CacheControl!.Public);
            Assert.Equal(TimeSpan.FromSeconds(300), first.Headers.CacheControl.MaxAge);

            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, notModified.Headers.ETag);

            using var stale = new HttpRequestMessage(HttpMethod.Get, url);
            stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"otra-version\""));
            using var full = await client.SendAsync(stale);
            Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        }

        var csvBefore = (await client.GetAsync(ContractCsv(open.ContractId))).Headers.ETag;
        var ocdsBefore = (await client.GetAsync(ContractOcds(open.ContractId))).Headers.ETag;
        await ReviewTestData.NewRequestAsync(Factory, open.ContractId, RequestStage.Sent);
        Assert.NotEqual(csvBefore, (await client.GetAsync(ContractCsv(open.ContractId))).Headers.ETag);
        Assert.NotEqual(ocdsBefore, (await client.GetAsync(ContractOcds(open.ContractId))).Headers.ETag);
    }

    private static void AssertNothingPrivate(OpenDataCase open, string text)
    {
        foreach (var secret in open.NeverPublished)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"The open data shows «{secret}».");
        }
    }

    private static void AssertRfc3339(JsonElement value)
    {
        var text = value.GetString()!;
        Assert.Matches(Rfc3339(), text);
        Assert.True(DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _), text);
    }

    private static HashSet<string> Roles(JsonElement party) => party.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToHashSet();

    /// <summary>Every organization reference of the release: buyer, award suppliers, transaction payers and payees.</summary>
    private static IEnumerable<JsonElement> References(JsonElement release)
    {
        yield return release.GetProperty("buyer");
        foreach (var award in release.GetProperty("awards").EnumerateArray())
        {
            foreach (var supplier in award.GetProperty("suppliers").EnumerateArray())
            {
                yield return supplier;
            }
        }

        foreach (var contract in release.GetProperty("contracts").EnumerateArray())
        {
            foreach (var transaction in contract.GetProperty("implementation").GetProperty("transactions").EnumerateArray())
            {
                yield return transaction.GetProperty("payer");
                yield return transaction.GetProperty("payee");
            }
        }
    }

    /// <summary>Every object with an "amount" anywhere in the release: each is a Value and needs its currency.</summary>
    private static IEnumerable<JsonElement> Values(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("amount", out _))
            {
                yield return element;
            }

            foreach (var child in element.EnumerateObject().SelectMany(p => Values(p.Value)))
            {
                yield return child;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray().SelectMany(Values))
            {
                yield return child;
            }
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    /// <summary>An OCID: a prefix registered with the OCP ("ocds-" and six characters), a hyphen, the process's id.</summary>
    [GeneratedRegex(@"^ocds-[a-z0-9]{6}-.+$")]
    private static partial Regex RegisteredPrefix();
}

[Collection(SqlitePortal.Name)]
public sealed class OpenDataOnSqliteTests(SqlitePortalFixture fixture) : OpenDataTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class OpenDataOnPostgresTests(PostgresPortalFixture fixture) : OpenDataTests(fixture);
