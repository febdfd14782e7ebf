using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Web.Features.OpenData;

/// <summary>
/// Writes one contract's OCDS 1.1 release package (docs/open-data.md, "OCDS"): a single release tagged "contract"
/// (and "implementation" once there is anything to tell about it), with the entity as buyer and payer, the contractor
/// as supplier, one financing milestone per public payment request and one transaction per paid one, and the
/// published execution documents. The bytes depend only on the data and the address asked for, so the same data
/// always gives the same release id and the same ETag.
/// </summary>
public static class OcdsReleaseBuilder
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The codes this builder uses, each from its OCDS 1.1 codelist (the tests check them against the lists).</summary>
    public static class Codes
    {
        public const string InitiationTender = "tender";
        public const string TagContract = "contract";
        public const string TagImplementation = "implementation";
        public const string RoleBuyer = "buyer";
        public const string RolePayer = "payer";
        public const string RoleSupplier = "supplier";
        public const string RolePayee = "payee";
        public const string MilestoneFinancing = "financing";
        public const string MilestoneScheduled = "scheduled";
        public const string MilestoneMet = "met";
        public const string MilestoneNotMet = "notMet";
        public const string DocumentProgressReport = "physicalProgressReport";
    }

    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,

        // Accents as themselves ("Alcaldía", not "Alcald\u00EDa"); what HTML would treat specially stays escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The ocid of a contract's process: the registered prefix, a hyphen and the portal's contract id.</summary>
    public static string OcidOf(string prefix, int contractId) => $"{prefix}-{contractId.ToString(CultureInfo.InvariantCulture)}";

    /// <param name="packageUri">The absolute address this package is served at.</param>
    /// <param name="documentUrl">The absolute address of a published document's public download, by document id.</param>
    public static byte[] Write(OpenContractRecord record, OpenDataOptions options, string packageUri, Func<int, string> documentUrl)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(documentUrl);
        var release = Release(record, OcidOf(options.OcidPrefix, record.Contract.Id), documentUrl);

        // The release id names this content: the same data gives the same id, any change a new one.
        var digest = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(release, Json));
        release = release with { Id = $"{release.Ocid}-{Convert.ToHexStringLower(digest)[..16]}" };
        var package = new OcdsReleasePackage(packageUri, "1.1", release.Date, new OcdsPublisher(options.PublisherName), [release]);
        return JsonSerializer.SerializeToUtf8Bytes(package, Json);
    }

    /// <summary>The contract's state in the contractStatus codelist.</summary>
    public static string ContractStatusCode(ContractStatus status) => status switch
    {
        ContractStatus.Signed => "pending",
        ContractStatus.InExecution or ContractStatus.Suspended => "active",
        ContractStatus.Terminated or ContractStatus.Closed => "terminated",
        ContractStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>
    /// A public request's state in the milestoneStatus codelist: sent or approved, the payment is still ahead
    /// ("scheduled"); paid, it was met; rejected, it was not met (until the contractor sends it again).
    /// </summary>
    public static string MilestoneStatusCode(PaymentRequestStatus status) => status switch
    {
        PaymentRequestStatus.Sent or PaymentRequestStatus.Approved => Codes.MilestoneScheduled,
        PaymentRequestStatus.Paid => Codes.MilestoneMet,
        PaymentRequestStatus.Rejected => Codes.MilestoneNotMet,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Only public requests become milestones."),
    };

    private static OcdsRelease Release(OpenContractRecord record, string ocid, Func<int, string> documentUrl)
    {
        var contract = record.Contract;
        var buyer = new OcdsOrganizationReference($"entidad-{Id(contract.EntityId)}", contract.EntityName);
        var paid = record.Requests.Where(r => r.Status == PaymentRequestStatus.Paid && r.PaidOn is not null && r.TotalValue is not null).ToList();

        // The contract's contractor is the supplier; whoever filed a paid request is its payee (the same person,
        // unless the contract was handed over since). One party each, numbered in that order.
        var people = new List<(Guid Id, string Name, string? Nit)> { (contract.ContractorId, contract.ContractorName, contract.ContractorNit) };
        foreach (var request in paid.Where(r => people.All(p => p.Id != r.FilerId)))
        {
            people.Add((request.FilerId, request.FilerName, request.FilerNit));
        }

        string PartyId(Guid personId) => $"proveedor-{Id(people.FindIndex(p => p.Id == personId) + 1)}";
        OcdsOrganizationReference Reference(Guid personId) => new(PartyId(personId), people.Single(p => p.Id == personId).Name);

        var parties = new List<OcdsParty>
        {
            new(buyer.Id, buyer.Name, new OcdsIdentifier(contract.EntityNit, contract.EntityName), paid.Count > 0 ? [Codes.RoleBuyer, Codes.RolePayer] : [Codes.RoleBuyer]),
        };
        foreach (var person in people)
        {
            var roles = new List<string>();
            if (person.Id == contract.ContractorId)
            {
                roles.Add(Codes.RoleSupplier);
            }

            if (paid.Any(r => r.FilerId == person.Id))
            {
                roles.Add(Codes.RolePayee);
            }

            parties.Add(new OcdsParty(PartyId(person.Id), person.Name, person.Nit is null ? null : new OcdsIdentifier(person.Nit, person.Name), roles));
        }

        var transactions = paid
            .Select(r => new OcdsTransaction(PaymentId(r.Sequence), AtBogotaMidnight(r.PaidOn!.Value), OcdsValue.Pesos(r.TotalValue!.Value), buyer, Reference(r.FilerId)))
            .ToList();
        var milestones = record.Requests
            .Select(r => new OcdsMilestone(
                PaymentId(r.Sequence),
                r.InvoiceNumber is { Length: > 0 } invoice ? $"Pago {Id(r.Sequence)}: {invoice}" : $"Pago {Id(r.Sequence)}",
                Codes.MilestoneFinancing,
                $"Cuenta de cobro o factura del plan de pagos. Estado: {r.Status.ToLabel()}.",
                MilestoneStatusCode(r.Status),
                r.DueOn is { } due ? AtBogotaMidnight(due) : null,
                r.Status == PaymentRequestStatus.Paid && r.PaidOn is { } paidOn ? AtBogotaMidnight(paidOn) : null,
                Utc(r.UpdatedAtUtc)))
            .ToList();
        var documents = record.Documents
            .Select(d => new OcdsDocument(Id(d.Id), Codes.DocumentProgressReport, d.Description, documentUrl(d.Id), Utc(d.UploadedAtUtc), d.ContentType, "es"))
            .ToList();

        var tags = transactions.Count + milestones.Count + documents.Count > 0 ? new[] { Codes.TagContract, Codes.TagImplementation } : [Codes.TagContract];
        var date = new[] { contract.CreatedAtUtc }
            .Concat(record.Requests.Select(r => r.UpdatedAtUtc))
            .Concat(record.Documents.Select(d => d.UploadedAtUtc))
            .Max();
        var value = OcdsValue.Pesos(contract.TotalValue);
        var contractId = Id(contract.Id);
        var supplier = Reference(contract.ContractorId);
        return new OcdsRelease(
            ocid,
            string.Empty,
            Utc(date),
            tags,
            Codes.InitiationTender,
            "es",
            parties,
            buyer,
            [new OcdsAward(contractId, contract.Status == ContractStatus.Cancelled ? "cancelled" : "active", value, [supplier])],
            [
                new OcdsContract(
                    contractId,
                    contractId,
                    contract.Number,
                    contract.Purpose,
                    ContractStatusCode(contract.Status),
                    new OcdsPeriod(AtBogotaMidnight(contract.StartsOn), AtBogotaMidnight(contract.EndsOn)),
                    value,
                    AtBogotaMidnight(contract.SignedOn),
                    new OcdsImplementation(transactions, milestones, documents)),
            ]);
    }

    private static string PaymentId(int sequence) => $"pago-{Id(sequence)}";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A calendar day of Bogotá as the instant it starts there (RFC 3339 with its −05:00 offset).</summary>
    private static DateTimeOffset AtBogotaMidnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Bogota);

    /// <summary>A stored UTC instant, to the second.</summary>
    private static DateTimeOffset Utc(DateTime utc) =>
        new(DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond)), TimeSpan.Zero);
}
