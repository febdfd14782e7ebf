using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Documents;

[Collection(SqlitePortal.Name)]
public sealed class EfReferencedDocumentKeysTests(SqlitePortalFixture fixture)
{
    [Fact]
    public async Task Referenced_keys_are_those_of_every_attachment_and_execution_document()
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var expected = (await db.Set<Attachment>().Select(a => a.StorageKey).ToListAsync())
            .Concat(await db.ExecutionDocuments.Select(d => d.StorageKey).ToListAsync())
            .ToHashSet(StringComparer.Ordinal);

        var keys = await new EfReferencedDocumentKeys(db).GetAsync(CancellationToken.None);

        Assert.NotEmpty(keys);
        Assert.True(keys.SetEquals(expected));
    }

    [Fact]
    public async Task Sweep_of_the_seeded_portal_keeps_every_referenced_document_and_deletes_an_orphan()
    {
        var store = new FileSystemDocumentStore(fixture.Factory.StorageRoot, TimeProvider.System);
        var orphan = await store.SaveAsync(new MemoryStream(TestFiles.Pdf()), 1_000_000, CancellationToken.None);
        File.SetLastWriteTimeUtc(Path.Combine(store.RootPath, orphan.StorageKey), DateTime.UtcNow.AddHours(-2));
        var before = new List<StoredFileInfo>();
        await foreach (var file in store.ListAsync(CancellationToken.None))
        {
            before.Add(file);
        }

        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var referenced = await new EfReferencedDocumentKeys(db).GetAsync(CancellationToken.None);
        var sweeper = new DocumentSweeper(store, new EfReferencedDocumentKeys(db), TimeProvider.System,
            Options.Create(new UploadLimitsOptions()), NullLogger<DocumentSweeper>.Instance);

        var result = await sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(1, result.DeletedUnreferenced);
        Assert.False(File.Exists(Path.Combine(store.RootPath, orphan.StorageKey)));
        var referencedFiles = before.Where(f => referenced.Contains(f.StorageKey)).ToList();
        Assert.NotEmpty(referencedFiles);
        Assert.All(referencedFiles, f => Assert.True(File.Exists(Path.Combine(store.RootPath, f.StorageKey)), f.StorageKey));
    }

    [Fact]
    public async Task Finding_referenced_keys_answers_about_the_keys_asked_only()
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var referenced = await new EfReferencedDocumentKeys(db).GetAsync(CancellationToken.None);
        var attachment = await db.Set<Attachment>().Select(a => a.StorageKey).FirstAsync();
        var document = await db.ExecutionDocuments.Select(d => d.StorageKey).FirstOrDefaultAsync();
        var unknown = $"2026/03/{Guid.NewGuid():N}";
        Assert.DoesNotContain(unknown, referenced);
        string[] asked = document is null ? [attachment, unknown] : [attachment, document, unknown];

        var found = await new EfReferencedDocumentKeys(db).FindReferencedAsync(asked, CancellationToken.None);

        Assert.True(found.SetEquals(asked.Where(referenced.Contains)), string.Join(", ", found));
        Assert.Contains(attachment, found);
    }
}
