using System.Text.RegularExpressions;
using SecopPortal.Web.Tests.OpenData;

namespace SecopPortal.Web.Tests.Audit;

/// <summary>No code path of the portal updates or deletes an audit entry (ADR 0020): the source says so.</summary>
public sealed partial class AuditLogSourceTests
{
    [Fact]
    public void No_source_file_updates_removes_or_bulk_changes_audit_entries()
    {
        var source = Path.Combine(OpenDataTestSupport.RepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        var offending = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(source, f), Line: i + 1, Text: line)))
            .Where(l => Changing().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offending.Count == 0, $"Code that changes audit entries:{Environment.NewLine}{string.Join(Environment.NewLine, offending)}");

        // And the writers that exist only add.
        var adding = files.Count(f => File.ReadAllText(f).Contains("AuditEntries.Add", StringComparison.Ordinal));
        Assert.True(adding >= 2, "The audit log is written by the context and by AuditTrail.");
    }

    [GeneratedRegex(@"AuditEntries\s*(\.\s*\w+\([^)]*\)\s*)*\.\s*(Update|UpdateRange|Remove|RemoveRange|ExecuteUpdate\w*|ExecuteDelete\w*|Attach\w*)\b|UPDATE\s+""?AuditEntries|DELETE\s+FROM\s+""?AuditEntries", RegexOptions.IgnoreCase)]
    private static partial Regex Changing();
}
