namespace SecopPortal.BrowserTests.Infrastructure;

/// <summary>Where screenshots go: $SECOPPORTAL_ARTIFACTS/screenshots, else &lt;repo&gt;/artifacts/screenshots.</summary>
public static class Artifacts
{
    public static string ScreenshotsFolder { get; } = Path.Combine(Root(), "screenshots");

    /// <summary>Where downloaded documents are kept to look at: …/artifacts/documents.</summary>
    public static string DocumentsFolder { get; } = Path.Combine(Root(), "documents");

    private static string Root()
    {
        var configured = Environment.GetEnvironmentVariable("SECOPPORTAL_ARTIFACTS");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SecopPortal.sln")))
            {
                return Path.Combine(folder.FullName, "artifacts");
            }
        }

        // Outside a checkout (a copied test output): keep the files next to the tests.
        return Path.Combine(AppContext.BaseDirectory, "artifacts");
    }

    /// <summary>A file-name-safe version of a test or step name.</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '-').ToArray();
        return new string(chars).Trim('-');
    }
}
