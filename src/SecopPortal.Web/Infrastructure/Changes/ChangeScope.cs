using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Infrastructure.Changes;

/// <summary>
/// One change of stored data on a user's behalf, always in the same four steps: the aggregate is loaded and held to
/// the version the user saw (<see cref="ExpectVersion{T}"/>), the caller acts on it through the domain, uploaded files
/// are stored first (<see cref="StageAsync"/>), and <see cref="CommitAsync"/> saves. A change that is not committed
/// (a refusal, an exception, a lost race) deletes the files it staged and forgets its tracked entities when it is
/// disposed, so neither a row without its bytes nor bytes without a row are left, and the page can be read again as
/// it is now (docs/product.md §5.6). Use it with <c>await using</c>; get one from <see cref="Changes.Begin"/>.
/// </summary>
public sealed partial class ChangeScope : IAsyncDisposable
{
    private readonly PortalDbContext _db;
    private readonly DocumentIntake _intake;
    private readonly IDocumentStore _store;
    private readonly ILogger _logger;
    private readonly List<string> _staged = [];
    private readonly List<string> _deleteAfterCommit = [];

    internal ChangeScope(PortalDbContext db, DocumentIntake intake, IDocumentStore store, ILogger logger)
    {
        _db = db;
        _intake = intake;
        _store = store;
        _logger = logger;
    }

    public bool IsCommitted { get; private set; }

    /// <summary>
    /// Holds the save to <paramref name="seenVersion"/>: a missing version is refused with
    /// <see cref="VersionMessages.Missing"/>, a different one is someone else's change
    /// (<see cref="ConcurrentChangeException"/>), and the database checks it once more when saving.
    /// </summary>
    /// <exception cref="DomainException">No version came with the form.</exception>
    /// <exception cref="ConcurrentChangeException">The stored version is not the one the user saw.</exception>
    public void ExpectVersion<T>(T aggregate, Guid? seenVersion)
        where T : class, IConcurrencyStamped
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        if (seenVersion is not { } seen)
        {
            throw new DomainException(VersionMessages.Missing);
        }

        if (aggregate.ConcurrencyStamp != seen)
        {
            // Said now, rather than a message about a state the user never saw.
            throw new ConcurrentChangeException();
        }

        _db.Entry(aggregate).Property(a => a.ConcurrencyStamp).OriginalValue = seen;
    }

    /// <summary>
    /// Stores an uploaded file through <see cref="DocumentIntake"/> (checked by content and size; a refused file is
    /// not kept). An accepted file stays only if this change commits.
    /// </summary>
    public async Task<IntakeResult> StageAsync(IFormFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using var content = file.OpenReadStream();
        return await StageAsync(content, file.FileName, file.Length, cancellationToken);
    }

    /// <summary>Stages bytes the portal wrote itself (a generated PDF) exactly as an upload: same checks, same fate.</summary>
    public async Task<IntakeResult> StageAsync(Stream content, string fileName, long length, CancellationToken cancellationToken)
    {
        var accepted = await _intake.AcceptAsync(content, fileName, length, cancellationToken);
        if (accepted.IsAccepted)
        {
            _staged.Add(accepted.Document.StorageKey);
        }

        return accepted;
    }

    /// <summary>A staged file the domain then refused: deleted now, even if the rest of the change commits.</summary>
    public async Task DropAsync(IntakeResult staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        if (staged.IsAccepted && _staged.Remove(staged.Document.StorageKey))
        {
            await DeleteQuietlyAsync(staged.Document.StorageKey);
        }
    }

    /// <summary>
    /// A staged file that outlives this change although it is not committed: a confirmation step carries it to the next
    /// post, which <see cref="Adopt"/>s it. If no row ever references it, the sweep deletes it.
    /// </summary>
    public void Keep(string storageKey)
    {
        _staged.Remove(storageKey);

        // Its fate is now the grace-period sweep's, not this process's: a crash must not delete it under the later request.
        _store.Settle([storageKey]);
    }

    /// <summary>A file an earlier change kept (<see cref="Keep"/>): from now on it stays only if this change commits.</summary>
    public void Adopt(string storageKey) => _staged.Add(storageKey);

    /// <summary>Bytes whose row this change removes: deleted once the change has committed, never before.</summary>
    public void DeleteAfterCommit(string storageKey) => _deleteAfterCommit.Add(storageKey);

    /// <summary>Saves everything the change did, in one transaction.</summary>
    /// <param name="duplicateIsRace">
    /// A unique-key violation means two people did the same thing at once (two creations of the same Id de pago),
    /// not a rule the user broke: it becomes a <see cref="ConcurrentChangeException"/> too.
    /// </param>
    /// <exception cref="ConcurrentChangeException">Someone else saved first.</exception>
    public async Task CommitAsync(CancellationToken cancellationToken, bool duplicateIsRace = false)
    {
        try
        {
            await _db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConcurrentChangeException(VersionMessages.Stale, exception);
        }
        catch (DbUpdateException exception) when (duplicateIsRace && DatabaseErrors.IsUniqueViolation(exception))
        {
            throw new ConcurrentChangeException(VersionMessages.Stale, exception);
        }

        IsCommitted = true;

        // Referenced now: a crash from here on leaves nothing to clean up for them (ADR 0021).
        _store.Settle(_staged);
        _staged.Clear();
        foreach (var key in _deleteAfterCommit)
        {
            await DeleteQuietlyAsync(key);
        }

        _deleteAfterCommit.Clear();
    }

    /// <summary>Not committed: the staged files are deleted and the tracked changes forgotten.</summary>
    public async ValueTask DisposeAsync()
    {
        if (IsCommitted)
        {
            return;
        }

        _db.ChangeTracker.Clear();
        foreach (var key in _staged)
        {
            await DeleteQuietlyAsync(key);
        }

        _staged.Clear();
    }

    private async Task DeleteQuietlyAsync(string storageKey)
    {
        try
        {
            // Not cancellable: the bytes must not outlive a change that did not happen (or a row that is gone).
            await _store.DeleteAsync(storageKey, CancellationToken.None);
        }
        catch (IOException exception)
        {
            // The sweep removes bytes no row references.
            LogBytesLeft(_logger, exception, storageKey);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "The bytes of document {StorageKey} could not be deleted; the sweep will remove them")]
    private static partial void LogBytesLeft(ILogger logger, Exception exception, string storageKey);
}

/// <summary>Starts <see cref="ChangeScope"/>s on the request's database context (scoped).</summary>
public sealed class Changes(PortalDbContext db, DocumentIntake intake, IDocumentStore store, ILogger<ChangeScope> logger)
{
    public ChangeScope Begin() => new(db, intake, store, logger);
}
