using System.Globalization;
using Microsoft.Extensions.Options;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>
/// Limits on uploaded documents, bound from the "Uploads" section and validated at start-up
/// (<see cref="UploadLimitsOptionsValidator"/>). The defaults are the product's: 25 MB a file, 100 MB a request.
/// </summary>
public sealed class UploadLimitsOptions
{
    public const string SectionName = "Uploads";

    /// <summary>Largest accepted file, in bytes (default 25 MiB = 26,214,400).</summary>
    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Largest accepted request (all the files of one form together), in bytes (default 100 MiB).</summary>
    public long MaxRequestBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Most entries a ZIP (or DOCX/XLSX) may list in its central directory (default 10,000).</summary>
    public int MaxZipEntries { get; set; } = 10_000;

    /// <summary>Largest sum of the uncompressed sizes a ZIP declares, in bytes (default 1 GiB).</summary>
    public long MaxZipUncompressedBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Largest uncompressed / compressed ratio, per entry and for the whole archive (default 100).</summary>
    public double MaxZipCompressionRatio { get; set; } = 100;

    /// <summary>
    /// The compression ratio is only checked for an entry (or archive) whose uncompressed size exceeds this, so a
    /// small, very compressible text file is not mistaken for a bomb (default 1 MiB).
    /// </summary>
    public long ZipRatioCheckMinBytes { get; set; } = 1024L * 1024;

    /// <summary>Whether <see cref="DocumentSweepService"/> runs in this process (default on).</summary>
    public bool SweepEnabled { get; set; } = true;

    /// <summary>How often the sweep of unreferenced stored files runs (default 6 hours).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How old an unreferenced file (or a leftover temporary file) must be before the sweep deletes it (default 1
    /// hour), so an upload whose database row is about to be committed is never swept.
    /// </summary>
    public TimeSpan SweepGracePeriod { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Start-up validation of <see cref="UploadLimitsOptions"/>: every limit positive, a file no larger than a request.</summary>
public sealed class UploadLimitsOptionsValidator : IValidateOptions<UploadLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadLimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = UploadLimitsOptions.SectionName;

        if (options.MaxFileBytes <= 0)
        {
            failures.Add($"{section}:MaxFileBytes must be positive.");
        }

        if (options.MaxRequestBytes <= 0)
        {
            failures.Add($"{section}:MaxRequestBytes must be positive.");
        }

        if (options.MaxFileBytes > options.MaxRequestBytes)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{section}:MaxFileBytes ({options.MaxFileBytes}) must not exceed {section}:MaxRequestBytes ({options.MaxRequestBytes})."));
        }

        if (options.MaxZipEntries <= 0)
        {
            failures.Add($"{section}:MaxZipEntries must be positive.");
        }

        if (options.MaxZipUncompressedBytes <= 0)
        {
            failures.Add($"{section}:MaxZipUncompressedBytes must be positive.");
        }

        if (!(options.MaxZipCompressionRatio > 0) || double.IsInfinity(options.MaxZipCompressionRatio))
        {
            failures.Add($"{section}:MaxZipCompressionRatio must be a positive number.");
        }

        if (options.ZipRatioCheckMinBytes < 0)
        {
            failures.Add($"{section}:ZipRatioCheckMinBytes must not be negative.");
        }

        if (options.SweepInterval <= TimeSpan.Zero)
        {
            failures.Add($"{section}:SweepInterval must be positive.");
        }

        if (options.SweepGracePeriod <= TimeSpan.Zero)
        {
            failures.Add($"{section}:SweepGracePeriod must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
