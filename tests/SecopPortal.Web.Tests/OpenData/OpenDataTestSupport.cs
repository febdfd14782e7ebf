using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.Entities;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Tests.Infrastructure;
using SecopPortal.Web.Tests.PaymentRequests;
using SecopPortal.Web.Tests.Review;

namespace SecopPortal.Web.Tests.OpenData;

/// <summary>
/// A contract of its own under an entity of its own whose name needs quoting, with one request in every state: Id de
/// pago 1 "Pagado", 2 "Aprobado", 3 "Rechazado", 4 "Enviado", 5 a draft never sent; an execution document; and
/// distinctive personal data that must never reach the open data.
/// </summary>
internal sealed record OpenDataCase(
    ReviewCase Review,
    int EntityId,
    string EntityName,
    string EntityNit,
    string ContractorDocument,
    string InvoiceNeedingQuotes,
    string DraftInvoice,
    string PrivateNotes,
    string DocumentFileName,
    int DocumentId)
{
    public int ContractId => Review.ContractId;

    /// <summary>What no public answer may contain.</summary>
    public IEnumerable<string> NeverPublished =>
    [
        Review.Contractor.Email!, Review.Supervisor.Email!, ContractorDocument, DraftInvoice, PrivateNotes, DocumentFileName,
        "Cuenta_de_cobro_o_factura.pdf", "El periodo cobrado no coincide",
    ];
}

internal static class OpenDataTestSupport
{
    public static string ContractCsv(int contractId) => $"/publico/contratos/{Id(contractId)}/plan-de-pagos.csv";

    public static string ContractOcds(int contractId) => $"/publico/contratos/{Id(contractId)}/ocds.json";

    public const string CountryCsv = "/publico/datos/plan-de-pagos.csv";

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static async Task<OpenDataCase> NewCaseAsync(PortalFactory factory)
    {
        var review = await ReviewTestData.NewCaseAsync(factory);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var document = "1" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        await PaymentRequestPages.SetDocumentAsync(factory, review.Contractor.Id, document);

        var entityName = $"Alcaldía de Prueba, \"Sede\" Norte {tag}";
        var nitBase = "8" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var nit = $"{nitBase}-{NitNumber.CheckDigit(nitBase).ToString(CultureInfo.InvariantCulture)}";
        var paid = await ReviewTestData.NewRequestAsync(factory, review.ContractId, RequestStage.Paid);
        await ReviewTestData.NewRequestAsync(factory, review.ContractId, RequestStage.Approved);
        await ReviewTestData.NewRequestAsync(factory, review.ContractId, RequestStage.Rejected);
        await ReviewTestData.NewRequestAsync(factory, review.ContractId, RequestStage.Sent);
        var draft = await ReviewTestData.NewRequestAsync(factory, review.ContractId, RequestStage.Draft);

        var invoice = $"FE-{tag}, lote \"A\"\nsegunda línea";
        var draftInvoice = $"BORRADOR-{tag}";
        var notes = $"NOTA-PRIVADA-{tag}";
        var fileName = $"acta-juan-perez-cc-{document}.pdf";
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entity = new PublicEntity(entityName, nit);
        db.PublicEntities.Add(entity);
        await db.SaveChangesAsync();
        var contract = await db.Contracts.SingleAsync(c => c.Id == review.ContractId);
        contract.MoveToEntity(entity.Id);
        // Stored for real: the release links the public download, which the tests follow.
        await using var bytes = new MemoryStream(Encoding.ASCII.GetBytes($"%PDF-1.4\n% Acta de inicio {tag}\n%%EOF\n"));
        var stored = await scope.ServiceProvider.GetRequiredService<IDocumentStore>().SaveAsync(bytes, 1_000_000, CancellationToken.None);
        var executionDocument = new ExecutionDocument(
            review.ContractId, $"Acta de inicio {tag}", fileName, "application/pdf", stored.SizeBytes, stored.Sha256, stored.StorageKey, review.Supervisor.Id, UploaderSide.Buyer, DateTime.UtcNow);
        db.ExecutionDocuments.Add(executionDocument);
        await db.SaveChangesAsync();
        await db.PaymentRequests.Where(p => p.Id == paid).ExecuteUpdateAsync(s => s.SetProperty(p => p.InvoiceNumber, invoice).SetProperty(p => p.Notes, notes));
        await db.PaymentRequests.Where(p => p.Id == draft).ExecuteUpdateAsync(s => s.SetProperty(p => p.InvoiceNumber, draftInvoice));
        return new OpenDataCase(review, entity.Id, entityName, nit, document, invoice, draftInvoice, notes, fileName, executionDocument.Id);
    }

    /// <summary>An RFC 4180 reader, written for the tests: records of fields, quotes doubled inside quoted fields, CRLF between records.</summary>
    public static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.True(field.Length == 0, $"A quote inside an unquoted field at {i}.");
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r')
            {
                Assert.True(i + 1 < text.Length && text[i + 1] == '\n', $"A bare CR at {i}.");
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                Assert.True(c != '\n', $"A bare LF outside quotes at {i}.");
                field.Append(c);
            }
        }

        Assert.False(quoted, "The file ends inside a quoted field.");
        Assert.True(field.Length == 0 && record.Count == 0, "The last record does not end with CRLF.");
        return records;
    }

    /// <summary>The repository's root (where SecopPortal.sln is), for reading the documentation the tests hold the code to.</summary>
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SecopPortal.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("SecopPortal.sln not found above the test binaries.");
    }
}
