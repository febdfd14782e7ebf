using System.Text.Json.Serialization;

namespace SecopPortal.Web.Features.OpenData;

// The part of the Open Contracting Data Standard 1.1 release schema the portal fills, as plain records serialized
// with System.Text.Json (camelCase, nulls left out). Field meanings: docs/open-data.md, "OCDS".

/// <summary>A release package: the envelope the standard recommends for publishing releases.</summary>
public sealed record OcdsReleasePackage(
    string Uri,
    string Version,
    DateTimeOffset PublishedDate,
    OcdsPublisher Publisher,
    IReadOnlyList<OcdsRelease> Releases);

public sealed record OcdsPublisher(string Name);

/// <summary>One release of a contracting process: its ocid, its own id and date, what it tells (tag) and the contract.</summary>
public sealed record OcdsRelease(
    string Ocid,
    string Id,
    DateTimeOffset Date,
    IReadOnlyList<string> Tag,
    string InitiationType,
    string Language,
    IReadOnlyList<OcdsParty> Parties,
    OcdsOrganizationReference Buyer,
    IReadOnlyList<OcdsAward> Awards,
    IReadOnlyList<OcdsContract> Contracts);

/// <summary>An organization or person in the process, once, with every role it plays; referenced elsewhere by id.</summary>
public sealed record OcdsParty(string Id, string Name, OcdsIdentifier? Identifier, IReadOnlyList<string> Roles);

/// <summary>The legal identifier of a party: a NIT, only ever an entity's or a persona jurídica's.</summary>
public sealed record OcdsIdentifier(string Id, string LegalName);

public sealed record OcdsOrganizationReference(string Id, string Name);

/// <summary>An amount of money: always Colombian pesos here.</summary>
public sealed record OcdsValue(decimal Amount, string Currency)
{
    public static OcdsValue Pesos(decimal amount) => new(amount, "COP");
}

public sealed record OcdsPeriod(DateTimeOffset StartDate, DateTimeOffset EndDate);

public sealed record OcdsAward(string Id, string Status, OcdsValue Value, IReadOnlyList<OcdsOrganizationReference> Suppliers);

public sealed record OcdsContract(
    string Id,
    [property: JsonPropertyName("awardID")] string AwardId,
    string Title,
    string Description,
    string Status,
    OcdsPeriod Period,
    OcdsValue Value,
    DateTimeOffset DateSigned,
    OcdsImplementation Implementation);

public sealed record OcdsImplementation(
    IReadOnlyList<OcdsTransaction> Transactions,
    IReadOnlyList<OcdsMilestone> Milestones,
    IReadOnlyList<OcdsDocument> Documents);

/// <summary>A payment made: one per "Pagado" request.</summary>
public sealed record OcdsTransaction(string Id, DateTimeOffset Date, OcdsValue Value, OcdsOrganizationReference Payer, OcdsOrganizationReference Payee);

/// <summary>A planned payment: one per public request, its status from the request's state.</summary>
public sealed record OcdsMilestone(
    string Id,
    string Title,
    string Type,
    string Description,
    string Status,
    DateTimeOffset? DueDate,
    DateTimeOffset? DateMet,
    DateTimeOffset DateModified);

public sealed record OcdsDocument(string Id, string DocumentType, string Title, string Url, DateTimeOffset DatePublished, string Format, string Language);
