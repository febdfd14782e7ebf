using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Documents;
using Xunit.Abstractions;

namespace SecopPortal.Web.Tests.Documents;

/// <summary>Measures allocations, so it runs alone (other tests would allocate at the same time).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "Measured alone";
}

[Collection(MeasuredAlone.Name)]
public sealed class UploadFootprintTests(ITestOutputHelper output) : IDisposable
{
    private const long TwentyFiveMegabytes = 25L * 1024 * 1024;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Storing_a_25_MB_upload_allocates_a_small_fraction_of_its_size()
    {
        var store = new FileSystemDocumentStore(_folder.Path, TimeProvider.System);
        await store.SaveAsync(new GeneratedStream(1000), 1000, CancellationToken.None); // warm-up

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();

        var stored = await store.SaveAsync(new GeneratedStream(TwentyFiveMegabytes), TwentyFiveMegabytes, CancellationToken.None);

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"store 25 MiB: {elapsed.TotalMilliseconds:0} ms, {allocated / 1024.0:0} KiB allocated");
        Assert.Equal(TwentyFiveMegabytes, stored.SizeBytes);
        Assert.True(allocated < 2 * 1024 * 1024, $"{allocated} bytes allocated to store {TwentyFiveMegabytes}");
    }

    [Fact]
    public async Task Taking_in_a_25_MB_pdf_allocates_a_small_fraction_of_its_size()
    {
        var store = new FileSystemDocumentStore(_folder.Path, TimeProvider.System);
        var intake = new DocumentIntake(store, Options.Create(new UploadLimitsOptions()), NullLogger<DocumentIntake>.Instance);
        await intake.AcceptAsync(new MemoryStream(TestFiles.Pdf()), "warm-up.pdf", 100, CancellationToken.None);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();

        var content = new GeneratedStream(TwentyFiveMegabytes, fill: (byte)' ', prefix: "%PDF-1.7\n"u8.ToArray(), suffix: "\n%%EOF\n"u8.ToArray());
        var result = await intake.AcceptAsync(content, "Informe de actividades.pdf", TwentyFiveMegabytes, CancellationToken.None);

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"intake 25 MiB PDF: {elapsed.TotalMilliseconds:0} ms, {allocated / 1024.0:0} KiB allocated");
        Assert.True(result.IsAccepted, result.ToString());
        Assert.True(allocated < 2 * 1024 * 1024, $"{allocated} bytes allocated to take in {TwentyFiveMegabytes}");
    }

    [Fact]
    public async Task Inspecting_a_zip_bomb_and_a_10001_entry_zip_is_quick()
    {
        var bomb = TestFiles.ZipBomb(50L * 1024 * 1024);
        var crowded = TestFiles.ZipWithEntries(10_001);

        var started = Stopwatch.GetTimestamp();
        var bombResult = await ContentInspector.InspectAsync(new MemoryStream(bomb), "bomba.zip", new UploadLimitsOptions(), CancellationToken.None);
        var bombTime = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        var crowdedResult = await ContentInspector.InspectAsync(new MemoryStream(crowded), "muchos.zip", new UploadLimitsOptions(), CancellationToken.None);
        var crowdedTime = Stopwatch.GetElapsedTime(started);

        output.WriteLine($"zip bomb ({bomb.Length} bytes): {bombTime.TotalMilliseconds:0.0} ms; 10,001 entries ({crowded.Length} bytes): {crowdedTime.TotalMilliseconds:0.0} ms");
        Assert.Equal(RefusalReason.ZipCompressionRatio, bombResult.Reason);
        Assert.Equal(RefusalReason.ZipTooManyEntries, crowdedResult.Reason);
        Assert.True(bombTime < TimeSpan.FromSeconds(2) && crowdedTime < TimeSpan.FromSeconds(2));
    }
}
