using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SecopPortal.Domain.Notifications;
using SecopPortal.Infrastructure;
using SecopPortal.Infrastructure.Mail;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Tests.Notifications;

/// <summary>A migrated SQLite file of its own for the dispatcher's unit tests (no web host), deleted on dispose.</summary>
internal sealed class OutboxTestDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private OutboxTestDatabase(string folder)
    {
        _folder = folder;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "outbox.db"), Pooling = false }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<OutboxTestDatabase> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"secopportal-outbox-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var database = new OutboxTestDatabase(folder);
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public PortalDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        DependencyInjection.ConfigureProvider(builder, DatabaseProvider.Sqlite, ConnectionString, _folder);
        return new PortalDbContext(builder.Options);
    }

    public async Task<int> QueueAsync(string to, string subject, DateTime createdAtUtc)
    {
        await using var db = NewContext();
        var email = new OutboxEmail(to, subject, $"Cuerpo de «{subject}».", createdAtUtc);
        db.OutboxEmails.Add(email);
        await db.SaveChangesAsync();
        return email.Id;
    }

    public async Task<OutboxEmail> FindAsync(int id)
    {
        await using var db = NewContext();
        return await db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    /// <summary>Runs one dispatch with a context of its own, as the background service does.</summary>
    public async Task<OutboxDispatchResult> DispatchAsync(IMailSender sender, MailOptions options, TimeProvider clock)
    {
        await using var db = NewContext();
        var dispatcher = new OutboxDispatcher(db, sender, Options.Create(options), clock, NullLogger<OutboxDispatcher>.Instance);
        return await dispatcher.DispatchDueAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
