using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Documents;

namespace SecopPortal.Web.Tests.Documents;

public sealed class DocumentSweeperTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FileSystemDocumentStore _store;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public DocumentSweeperTests()
    {
        _store = new FileSystemDocumentStore(_folder.Path, TimeProvider.System);
    }

    public void Dispose() => _folder.Dispose();

    private async Task<string> StoreAsync(TimeSpan age)
    {
        var stored = await _store.SaveAsync(new MemoryStream(TestFiles.Pdf()), 1_000_000, CancellationToken.None);
        File.SetLastWriteTimeUtc(PathOf(stored.StorageKey), (_now - age).UtcDateTime);
        return stored.StorageKey;
    }

    private string LeftoverTemporaryFile(TimeSpan age)
    {
        var folder = Path.Combine(_folder.Path, "2026", "03");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $".tmp-{Guid.NewGuid():N}");
        File.WriteAllText(path, "%PDF-1.4 a medio cargar");
        File.SetLastWriteTimeUtc(path, (_now - age).UtcDateTime);
        return path;
    }

    private string PathOf(string key) => Path.Combine(_folder.Path, key);

    private DocumentSweeper Sweeper(params string[] referenced) =>
        new(_store, new FixedKeys(referenced), new FixedClock(_now), Options.Create(new UploadLimitsOptions()), NullLogger<DocumentSweeper>.Instance);

    [Fact]
    public async Task Sweep_deletes_an_old_unreferenced_file()
    {
        var referenced = await StoreAsync(TimeSpan.FromDays(3));
        var orphan = await StoreAsync(TimeSpan.FromHours(2));

        var result = await Sweeper(referenced).SweepAsync(CancellationToken.None);

        Assert.False(File.Exists(PathOf(orphan)));
        Assert.Equal(1, result.DeletedUnreferenced);
    }

    [Fact]
    public async Task Sweep_keeps_a_referenced_file_however_old()
    {
        var referenced = await StoreAsync(TimeSpan.FromDays(400));

        var result = await Sweeper(referenced).SweepAsync(CancellationToken.None);

        Assert.True(File.Exists(PathOf(referenced)));
        Assert.Equal(0, result.DeletedUnreferenced);
    }

    [Fact]
    public async Task Sweep_keeps_a_young_unreferenced_file_whose_row_may_be_on_its_way()
    {
        var referenced = await StoreAsync(TimeSpan.FromDays(3));
        var young = await StoreAsync(TimeSpan.FromMinutes(50));

        await Sweeper(referenced).SweepAsync(CancellationToken.None);

        Assert.True(File.Exists(PathOf(young)));
    }

    [Fact]
    public async Task Sweep_deletes_old_leftover_temporary_files_and_keeps_uploads_in_progress()
    {
        var referenced = await StoreAsync(TimeSpan.FromDays(3));
        var dead = LeftoverTemporaryFile(TimeSpan.FromHours(5));
        var inProgress = LeftoverTemporaryFile(TimeSpan.FromSeconds(5));

        var result = await Sweeper(referenced).SweepAsync(CancellationToken.None);

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(inProgress));
        Assert.Equal(1, result.DeletedTemporary);
        Assert.True(File.Exists(PathOf(referenced)));
    }

    [Fact]
    public async Task Sweep_leaves_finished_files_alone_when_the_database_references_nothing()
    {
        var old = await StoreAsync(TimeSpan.FromDays(30));
        var dead = LeftoverTemporaryFile(TimeSpan.FromHours(5));

        var result = await Sweeper().SweepAsync(CancellationToken.None);

        Assert.True(result.SkippedBecauseNothingIsReferenced);
        Assert.True(File.Exists(PathOf(old)));
        Assert.False(File.Exists(dead));
    }

    [Fact]
    public async Task Sweep_never_touches_files_the_store_did_not_write()
    {
        var referenced = await StoreAsync(TimeSpan.FromDays(3));
        Directory.CreateDirectory(Path.Combine(_folder.Path, "demo"));
        string[] foreign =
        [
            Path.Combine(_folder.Path, "README.txt"),
            Path.Combine(_folder.Path, "LÉAME importante.txt"),
            Path.Combine(_folder.Path, "demo", TestFiles.Sha256Hex(TestFiles.Pdf()) + ".pdf"),
        ];
        foreach (var path in foreign)
        {
            await File.WriteAllTextAsync(path, "no es de una carga");
            File.SetLastWriteTimeUtc(path, _now.AddYears(-1).UtcDateTime);
        }

        var result = await Sweeper(referenced).SweepAsync(CancellationToken.None);

        Assert.All(foreign, path => Assert.True(File.Exists(path), path));
        Assert.Equal(0, result.DeletedUnreferenced);
    }

    [Fact]
    public async Task Sweep_service_survives_a_failing_sweep_and_sweeps_again()
    {
        var referenced = await StoreAsync(TimeSpan.FromDays(3));
        var orphan = await StoreAsync(TimeSpan.FromHours(3));
        var keys = new FlakyKeys(referenced);
        var logger = new ListLogger<DocumentSweepService>();
        var services = new ServiceCollection()
            .AddSingleton<IDocumentStore>(_store)
            .AddSingleton<IReferencedDocumentKeys>(keys)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(Options.Create(new UploadLimitsOptions { SweepInterval = TimeSpan.FromMilliseconds(50) }))
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddScoped<DocumentSweeper>()
            .BuildServiceProvider();
        await using (services)
        {
            using var service = new DocumentSweepService(
                services.GetRequiredService<IServiceScopeFactory>(),
                services.GetRequiredService<IOptions<UploadLimitsOptions>>(),
                TimeProvider.System,
                logger);

            await service.StartAsync(CancellationToken.None);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (File.Exists(PathOf(orphan)) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            await service.StopAsync(CancellationToken.None);

            Assert.False(File.Exists(PathOf(orphan)), "the second sweep should have deleted the orphan");
            Assert.True(keys.Calls >= 2);
            Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
            Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
        }
    }

    [Fact]
    public async Task Disabled_sweep_service_does_nothing()
    {
        var orphan = await StoreAsync(TimeSpan.FromDays(3));
        var keys = new FlakyKeys("other");
        var services = new ServiceCollection()
            .AddSingleton<IDocumentStore>(_store)
            .AddSingleton<IReferencedDocumentKeys>(keys)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddScoped<DocumentSweeper>()
            .BuildServiceProvider();
        await using (services)
        {
            using var service = new DocumentSweepService(
                services.GetRequiredService<IServiceScopeFactory>(),
                Options.Create(new UploadLimitsOptions { SweepEnabled = false, SweepInterval = TimeSpan.FromMilliseconds(10) }),
                TimeProvider.System,
                NullLogger<DocumentSweepService>.Instance);

            await service.StartAsync(CancellationToken.None);
            await Task.Delay(200);
            await service.StopAsync(CancellationToken.None);

            Assert.Equal(0, keys.Calls);
            Assert.True(File.Exists(PathOf(orphan)));
        }
    }

    private sealed class FixedKeys(params string[] keys) : IReferencedDocumentKeys
    {
        public Task<IReadOnlySet<string>> GetAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<string>>(new HashSet<string>(keys, StringComparer.Ordinal));
    }

    /// <summary>The database is down the first time, fine afterwards.</summary>
    private sealed class FlakyKeys(params string[] keys) : IReferencedDocumentKeys
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<IReadOnlySet<string>> GetAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                throw new InvalidOperationException("La base de datos no responde.");
            }

            return Task.FromResult<IReadOnlySet<string>>(new HashSet<string>(keys, StringComparer.Ordinal));
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>Keeps every log entry, to assert on what was logged.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<(LogLevel Level, string Message, Exception? Exception)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_gate)
        {
            _entries.Add((logLevel, formatter(state, exception), exception));
        }
    }
}
