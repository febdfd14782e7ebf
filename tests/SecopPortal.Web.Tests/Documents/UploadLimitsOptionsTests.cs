using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure;
using SecopPortal.Infrastructure.Documents;

namespace SecopPortal.Web.Tests.Documents;

public sealed class UploadLimitsOptionsTests : IDisposable
{
    private readonly TempFolder _contentRoot = new();

    public void Dispose() => _contentRoot.Dispose();

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot.Path });
        settings["Uploads:SweepEnabled"] = "false";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddPortalPersistence(builder.Configuration, _contentRoot.Path);
        builder.Services.AddPortalDocuments(builder.Configuration, _contentRoot.Path);
        return builder.Build();
    }

    [Fact]
    public void Limits_default_to_the_product_figures()
    {
        using var host = BuildHost([]);

        var limits = host.Services.GetRequiredService<IOptions<UploadLimitsOptions>>().Value;

        Assert.Equal(26_214_400, limits.MaxFileBytes);
        Assert.Equal(104_857_600, limits.MaxRequestBytes);
        Assert.Equal(10_000, limits.MaxZipEntries);
        Assert.Equal(1_073_741_824, limits.MaxZipUncompressedBytes);
        Assert.Equal(100, limits.MaxZipCompressionRatio);
        Assert.Equal(TimeSpan.FromHours(6), limits.SweepInterval);
        Assert.Equal(TimeSpan.FromHours(1), limits.SweepGracePeriod);
    }

    [Fact]
    public void Limits_are_read_from_the_uploads_section()
    {
        using var host = BuildHost(new() { ["Uploads:MaxFileBytes"] = "1048576", ["Uploads:SweepInterval"] = "00:30:00" });

        var limits = host.Services.GetRequiredService<IOptions<UploadLimitsOptions>>().Value;

        Assert.Equal(1_048_576, limits.MaxFileBytes);
        Assert.Equal(TimeSpan.FromMinutes(30), limits.SweepInterval);
    }

    [Fact]
    public async Task A_file_limit_above_the_request_limit_stops_the_start_up()
    {
        using var host = BuildHost(new() { ["Uploads:MaxFileBytes"] = "209715200", ["Uploads:MaxRequestBytes"] = "104857600" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("MaxFileBytes", StringComparison.Ordinal) && f.Contains("MaxRequestBytes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Uploads:MaxFileBytes", "0")]
    [InlineData("Uploads:MaxRequestBytes", "-1")]
    [InlineData("Uploads:MaxZipEntries", "0")]
    [InlineData("Uploads:MaxZipUncompressedBytes", "0")]
    [InlineData("Uploads:MaxZipCompressionRatio", "0")]
    [InlineData("Uploads:SweepInterval", "00:00:00")]
    [InlineData("Uploads:SweepGracePeriod", "-00:01:00")]
    public async Task A_limit_that_is_not_positive_stops_the_start_up(string key, string value)
    {
        using var host = BuildHost(new() { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Store_lives_under_the_content_root_by_default()
    {
        using var host = BuildHost([]);

        var store = Assert.IsType<FileSystemDocumentStore>(host.Services.GetRequiredService<IDocumentStore>());
        Assert.Equal(Path.Combine(_contentRoot.Path, "data", "documents"), store.RootPath);

        var stored = await store.SaveAsync(new MemoryStream(TestFiles.Pdf()), 1_000_000, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(store.RootPath, stored.StorageKey)));
    }

    [Fact]
    public void Store_uses_the_configured_storage_root()
    {
        var elsewhere = Path.Combine(_contentRoot.Path, "otra", "carpeta");
        using var host = BuildHost(new() { ["Storage:Root"] = elsewhere });

        var store = Assert.IsType<FileSystemDocumentStore>(host.Services.GetRequiredService<IDocumentStore>());

        Assert.Equal(elsewhere, store.RootPath);
    }

    [Fact]
    public void Intake_and_sweeper_resolve()
    {
        using var host = BuildHost([]);
        using var scope = host.Services.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<DocumentIntake>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<DocumentSweeper>());
        Assert.IsType<EfReferencedDocumentKeys>(scope.ServiceProvider.GetRequiredService<IReferencedDocumentKeys>());
    }
}
