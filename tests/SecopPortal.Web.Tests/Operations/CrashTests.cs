using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Documents;
using SecopPortal.Web.Tests.ExecutionDocuments;
using SecopPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecopPortal.Web.Tests.Operations;

/// <summary>
/// Issue 10, item 6a: the real portal process on PostgreSQL (and on SQLite), contractors uploading execution documents at once, the
/// process killed with <c>kill -9</c> while uploads are in flight (some bodies trickle so they are surely mid-upload, and
/// the kill is aimed at a moment when the store is writing: the process is frozen with SIGSTOP, the store looked at, and
/// it is killed only when caught writing, else let go on with SIGCONT), then restarted on the same database and folders. After the
/// start-up sweep: no row without its file, no file whose bytes differ from its row's SHA-256, nothing left over (no
/// ASP.NET Core form buffer either: the portal has them written in its journal, ADR 0021), and every upload the client
/// saw succeed is there.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xUnit disposes test classes through IAsyncLifetime.")]
public sealed partial class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int FastUploaders = 4;
    private const int SlowUploaders = 3;
    private const int CompletedBeforeKill = 8;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("secop-crash-");
    private readonly PostgresServer _postgres = new();

    private string _provider = "Postgres";

    private string StorageRoot => Path.Combine(_folder.FullName, "documents");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a process on its way out; it is in the temp folder.
        }
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("Sqlite")]
    public async Task After_kill_9_mid_upload_a_restart_leaves_every_row_with_its_intact_file_and_nothing_left_over(string provider)
    {
        var total = Stopwatch.StartNew();
        _provider = provider;
        var connectionString = provider == "Postgres"
            ? await _postgres.CreateDatabaseAsync()
            : $"Data Source={Path.Combine(_folder.FullName, "portal.db")}";
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Portal"] = connectionString,
            ["Seed:DemoData"] = "true",
            ["Storage:Root"] = StorageRoot,
            ["DataProtection:KeysFolder"] = Path.Combine(_folder.FullName, "keys"),
        };

        await using var first = await PortalProcess.StartAsync(settings);
        var clients = new List<HttpClient>();
        var contractId = await ContractOfAsync(connectionString, DemoAccounts.Contractor.Email);
        var succeeded = new List<string>();
        var failedBeforeKill = new List<string>();
        var completed = 0;
        using var stopUploading = new CancellationTokenSource();
        var killed = false;

        // Trickling bodies: the first 64 KiB, then 1 KiB every 200 ms; never finished before the kill.
        var slow = new List<Task<string>>();
        for (var i = 0; i < SlowUploaders; i++)
        {
            var client = await SignedInClientAsync(first);
            clients.Add(client);
            var token = await PortalHttp.GetAntiforgeryTokenAsync(client, ExecutionDocumentPages.New(contractId));
            var description = string.Create(CultureInfo.InvariantCulture, $"Lento {i}");
            slow.Add(UploadOutcomeAsync(client, contractId, description, new TricklingContent(TestFiles.Pdf(padding: 1024 * 1024)), token));
        }

        // Fast uploaders: one upload after the other until the kill.
        var fast = new List<Task>();
        for (var i = 0; i < FastUploaders; i++)
        {
            var client = await SignedInClientAsync(first);
            clients.Add(client);
            var token = await PortalHttp.GetAntiforgeryTokenAsync(client, ExecutionDocumentPages.New(contractId));
            var pdf = TestFiles.Pdf(padding: (2 * 1024 * 1024) + (i * 64 * 1024));
            var uploader = i;
            fast.Add(Task.Run(async () =>
            {
                for (var n = 0; !stopUploading.IsCancellationRequested; n++)
                {
                    var description = string.Create(CultureInfo.InvariantCulture, $"Rápido {uploader}-{n}");
                    var outcome = await UploadOutcomeAsync(client, contractId, description, new ByteArrayContent(pdf), token);
                    lock (succeeded)
                    {
                        if (outcome == "ok")
                        {
                            succeeded.Add(description);
                            completed++;
                        }
                        else if (!Volatile.Read(ref killed))
                        {
                            failedBeforeKill.Add($"{description}: {outcome}");
                        }
                    }

                    if (outcome != "ok")
                    {
                        return; // the process is gone (or answered wrongly, which fails the test below)
                    }
                }
            }));
        }

        await PollAsync(() => Volatile.Read(ref completed) >= CompletedBeforeKill || failedBeforeKill.Count > 0, TimeSpan.FromSeconds(60),
            () => $"only {completed} uploads completed. Output:\n{first.Output}");
        Assert.Empty(failedBeforeKill);

        // Aim: freeze the process, look at the store; kill only a frozen process caught in the middle of writing.
        var attempts = 0;
        Leftovers caught;
        var aim = Stopwatch.StartNew();
        while (true)
        {
            attempts++;
            await SignalAsync(first.Id, "STOP");
            await PollAsync(() => IsStopped(first.Id), TimeSpan.FromSeconds(10), () => "the portal did not stop on SIGSTOP");
            caught = await LeftoversAsync(connectionString);
            // Best a temporary file (bytes being written); after a while a finished file whose row is not committed yet will do.
            if (caught.Temporary.Count > 0
                || (caught.Unreferenced.Count > 0 && aim.Elapsed > TimeSpan.FromSeconds(8))
                || aim.Elapsed > TimeSpan.FromSeconds(20))
            {
                break;
            }

            await SignalAsync(first.Id, "CONT");
            await Task.Delay(Random.Shared.Next(5, 40));
        }

        int completedAtKill;
        lock (succeeded)
        {
            Volatile.Write(ref killed, true);
            completedAtKill = completed;
        }

        await first.KillHardAsync();
        await stopUploading.CancelAsync();
        await Task.WhenAll(fast);
        var slowOutcomes = await Task.WhenAll(slow);
        clients.ForEach(c => c.Dispose());
        Assert.Empty(failedBeforeKill);
        var inFlight = FastUploaders + slowOutcomes.Count(o => o != "ok");
        Assert.All(slowOutcomes, o => Assert.NotEqual("ok", o));

        var before = await LeftoversAsync(connectionString);
        Assert.True(before.Temporary.Count + before.Unreferenced.Count > 0,
            $"the kill should have caught an upload in the store's hands ({attempts} attempts): nothing for the start-up sweep to prove");
        Assert.NotEmpty(before.DeadJournals);
        // The trickling uploads were being received: ASP.NET Core's buffers of them are in the dead instance's journal.
        Assert.True(before.FormBuffers.Count > 0, $"the kill should have left form buffers in the dead instance's journal. Output:\n{first.Output}");
        Assert.All(before.FormBuffers, b => Assert.StartsWith(before.DeadJournals[0], b, StringComparison.Ordinal));
        Assert.Contains("Upload form buffers go to", first.Output, StringComparison.Ordinal);

        var restart = Stopwatch.StartNew();
        await using var second = await PortalProcess.StartAsync(settings);
        restart.Stop();

        var after = await LeftoversAsync(connectionString);
        var rows = await RowsAsync(connectionString);
        var missing = rows.Where(r => !File.Exists(PathOf(r.StorageKey))).Select(r => r.StorageKey).ToList();
        var mismatched = new List<string>();
        foreach (var row in rows.Where(r => File.Exists(PathOf(r.StorageKey))))
        {
            await using var file = File.OpenRead(PathOf(row.StorageKey));
            if (!string.Equals(Convert.ToHexStringLower(await SHA256.HashDataAsync(file)), row.Sha256.Trim(), StringComparison.Ordinal))
            {
                mismatched.Add(row.StorageKey);
            }
        }

        var descriptions = await ExecutionDocumentDescriptionsAsync(connectionString, contractId);
        var lost = succeeded.Where(d => !descriptions.Contains(d)).ToList();
        var sweepLine = StartupSweepLine().Match(second.Output);

        output.WriteLine($"Database: {provider}");
        output.WriteLine($"Uploads completed before the kill: {completedAtKill} ({succeeded.Count} seen succeeding by the clients)");
        output.WriteLine($"Uploads in flight at the kill: {inFlight} ({SlowUploaders} trickling, {FastUploaders} fast uploaders' next); SIGSTOP attempts to catch the store writing: {attempts}");
        output.WriteLine($"Left by the kill: {before.Temporary.Count} temporary files, {before.Unreferenced.Count} finished files without a row, {before.DeadJournals.Count} dead journals, {before.FormBuffers.Count} ASP.NET Core form buffers in its journal");
        output.WriteLine($"After the restart: {after.Temporary.Count} temporary, {after.Unreferenced.Count} unreferenced, {after.DeadJournals.Count} dead journals, {after.FormBuffers.Count} form buffers; {rows.Count} rows, {missing.Count} without their file, {mismatched.Count} SHA-256 mismatches, {lost.Count} succeeded uploads lost");
        output.WriteLine($"Restart to healthy: {restart.ElapsedMilliseconds} ms; start-up sweep: {(sweepLine.Success ? sweepLine.Value : "(log line not found)")}");
        output.WriteLine($"Test time: {total.ElapsedMilliseconds} ms");

        Assert.Empty(missing);
        Assert.Empty(mismatched);
        Assert.Empty(lost);
        Assert.Empty(after.Temporary);
        Assert.Empty(after.Unreferenced);
        Assert.Empty(after.DeadJournals);
        Assert.Empty(after.FormBuffers);
        Assert.True(sweepLine.Success, second.Output);
        Assert.Contains($"deleted {before.FormBuffers.Count} form buffers", sweepLine.Value, StringComparison.Ordinal);

        // And the restarted portal takes uploads again.
        using var again = await SignedInClientAsync(second);
        Assert.Equal("ok", await UploadOutcomeAsync(again, contractId, "Después del reinicio", new ByteArrayContent(TestFiles.Pdf()), null));
    }

    /// <summary>What a dead process may leave in the store, looked at from outside.</summary>
    private sealed record Leftovers(IReadOnlyList<string> Temporary, IReadOnlyList<string> Unreferenced, IReadOnlyList<string> DeadJournals, IReadOnlyList<string> FormBuffers);

    private async Task<Leftovers> LeftoversAsync(string connectionString)
    {
        var referenced = (await RowsAsync(connectionString)).Select(r => r.StorageKey).ToHashSet(StringComparer.Ordinal);
        var temporary = new List<string>();
        var unreferenced = new List<string>();
        foreach (var path in Directory.EnumerateFiles(StorageRoot, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var key = Path.GetRelativePath(StorageRoot, path).Replace(Path.DirectorySeparatorChar, '/');
            if (TempFolder.IsUploadJournal(key))
            {
                continue;
            }

            if (DocumentStorageKey.IsTemporary(key))
            {
                temporary.Add(key);
            }
            else if (!referenced.Contains(key))
            {
                unreferenced.Add(key);
            }
        }

        var dead = new List<string>();
        foreach (var journal in UploadJournal.FindDead(StorageRoot))
        {
            using (journal)
            {
                dead.Add(journal.Folder);
            }
        }

        // ASP.NET Core's buffers (ASPNETCORE_*.tmp) in any journal, the live one's included (nothing is being uploaded).
        IReadOnlyList<string> buffers = Directory.Exists(Path.Combine(StorageRoot, UploadJournal.FolderName))
            ? Directory.GetFiles(Path.Combine(StorageRoot, UploadJournal.FolderName), "ASPNETCORE_*", SearchOption.AllDirectories)
            : [];
        return new Leftovers(temporary, unreferenced, dead, buffers);
    }

    private string PathOf(string key) => Path.Combine(StorageRoot, key.Replace('/', Path.DirectorySeparatorChar));

    private sealed record Row(string StorageKey, string Sha256);

    /// <summary>The portal's database, read from outside (Npgsql or Microsoft.Data.Sqlite; the SQL is the same).</summary>
    private async Task<DbConnection> OpenAsync(string connectionString)
    {
        DbConnection connection = _provider == "Postgres"
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private async Task<List<Row>> RowsAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(connection,
            "SELECT \"StorageKey\", \"Sha256\" FROM \"ExecutionDocuments\" UNION ALL SELECT \"StorageKey\", \"Sha256\" FROM \"PaymentRequestAttachments\"");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private async Task<HashSet<string>> ExecutionDocumentDescriptionsAsync(string connectionString, int contractId)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(connection, "SELECT \"Description\" FROM \"ExecutionDocuments\" WHERE \"ContractId\" = @id", ("@id", contractId));
        await using var reader = await command.ExecuteReaderAsync();
        var descriptions = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            descriptions.Add(reader.GetString(0));
        }

        return descriptions;
    }

    private async Task<int> ContractOfAsync(string connectionString, string email)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(connection,
            "SELECT c.\"Id\" FROM \"Contracts\" c JOIN \"AspNetUsers\" u ON u.\"Id\" = c.\"ContractorId\" WHERE u.\"Email\" = @email ORDER BY c.\"Id\" LIMIT 1",
            ("@email", email));
        return Convert.ToInt32(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"{email} has no contract in the demo data."), CultureInfo.InvariantCulture);
    }

    private static async Task<HttpClient> SignedInClientAsync(PortalProcess portal)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = portal.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        await PortalHttp.SignInAsync(client, DemoAccounts.Contractor);
        return client;
    }

    /// <summary>"ok" for the redirect to the contract (the document was attached); otherwise what happened.</summary>
    private static async Task<string> UploadOutcomeAsync(HttpClient client, int contractId, string description, HttpContent file, string? token)
    {
        try
        {
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using var response = await ExecutionDocumentPages.UploadAsync(client, contractId, description, "acta.pdf", file, token);
            return response.StatusCode == HttpStatusCode.Redirect ? "ok" : $"{(int)response.StatusCode} {response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return $"no answer ({ex.GetType().Name})";
        }
    }

    private static async Task SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill")
        {
            ArgumentList = { "-" + signal, pid.ToString(CultureInfo.InvariantCulture) },
            UseShellExecute = false,
        })!;
        await kill.WaitForExitAsync();
    }

    /// <summary>
    /// Every thread of the process is stopped (state T in /proc/&lt;pid&gt;/task/*/stat; a thread that has just ended counts
    /// too): nothing it does is under way, a thread in the middle of a write or fsync included (it stops once that is done).
    /// </summary>
    private static bool IsStopped(int pid)
    {
        foreach (var task in Directory.GetDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var state = stat[(stat.LastIndexOf(')') + 2)..][0];
                if (state is not ('T' or 't' or 'Z' or 'X'))
                {
                    return false;
                }
            }
            catch (IOException)
            {
                // A thread that just ended.
            }
        }

        return true;
    }

    private static async Task PollAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s: {failure()}");
            }

            await Task.Delay(10);
        }
    }

    [GeneratedRegex(@"Start-up sweep went through [^\n]*")]
    private static partial Regex StartupSweepLine();

    /// <summary>A file part whose bytes arrive slowly: the first 64 KiB at once, then 1 KiB every 200 ms.</summary>
    private sealed class TricklingContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var head = Math.Min(64 * 1024, bytes.Length);
            await stream.WriteAsync(bytes.AsMemory(0, head));
            await stream.FlushAsync();
            for (var offset = head; offset < bytes.Length; offset += 1024)
            {
                await Task.Delay(200);
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(1024, bytes.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
