using System.Globalization;
using SecopPortal.Domain.Calendar;

namespace SecopPortal.Domain.Tests.Calendar;

/// <summary>
/// Compares <see cref="ColombianCalendar.HolidaysOf"/> with an independent, published list of Colombian national
/// holidays (published-holidays-2020-2030.csv: newspapers and holiday sites, one source address per row; the
/// 9-July holiday of Ley 2578 de 2026 added from the law where the lists predate it). Only dates are compared,
/// names differ in wording between sources.
/// </summary>
public class PublishedHolidaysTests
{
    private const string FileName = "published-holidays-2020-2030.csv";

    /// <summary>Years for which a complete published list was found: the sets of dates must be equal.</summary>
    private static readonly int[] CompleteYears = [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2030];

    /// <summary>
    /// Years for which only part of the list was found in a trustworthy published source: every published date
    /// must be a portal holiday, but portal dates without a published counterpart cannot be checked.
    /// </summary>
    private static readonly int[] PartialYears = [2027, 2028, 2029];

    private sealed record PublishedHoliday(DateOnly Date, string Name, string Source);

    private static List<PublishedHoliday> LoadPublished()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Calendar", FileName);
        var rows = new List<PublishedHoliday>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("date,", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line.Split(',', 3);
            Assert.True(parts.Length == 3, $"Malformed line in {FileName}: {line}");
            rows.Add(new PublishedHoliday(
                DateOnly.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), parts[1], parts[2]));
        }

        return rows;
    }

    private static string Format(IEnumerable<DateOnly> dates) =>
        string.Join(", ", dates.Order().Select(d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));

    /// <summary>
    /// Differences for one year. With <paramref name="complete"/> the distinct dates must be equal; otherwise only
    /// the published dates are checked. Where the published list shows a date more than once (two holidays on one
    /// Monday), the portal must list it as many times.
    /// </summary>
    private static List<string> Compare(int year, List<PublishedHoliday> published, bool complete)
    {
        var mismatches = new List<string>();
        var portal = ColombianCalendar.HolidaysOf(year).Select(h => h.Date).ToList();
        var publishedDates = published.Where(p => p.Date.Year == year).Select(p => p.Date).ToList();

        var onlyPortal = portal.Distinct().Except(publishedDates).ToList();
        var onlyPublished = publishedDates.Distinct().Except(portal).ToList();
        if (onlyPublished.Count > 0 || (complete && onlyPortal.Count > 0))
        {
            mismatches.Add(
                $"{year}: portal has {(complete ? Format(onlyPortal) : "-")}" +
                $" but not published; published has {Format(onlyPublished)} but not the portal");
        }

        foreach (var group in publishedDates.GroupBy(d => d).Where(g => g.Count() > 1))
        {
            var portalCount = portal.Count(d => d == group.Key);
            if (portalCount != group.Count())
            {
                mismatches.Add(
                    $"{year}: {Format([group.Key])} is listed {group.Count()} times published, {portalCount} times by the portal");
            }
        }

        return mismatches;
    }

    [Fact]
    public void The_published_file_covers_every_year_2020_to_2030_with_its_sources()
    {
        var published = LoadPublished();
        Assert.Equal(Enumerable.Range(2020, 11), published.Select(p => p.Date.Year).Distinct().Order());
        Assert.All(published, p => Assert.False(string.IsNullOrWhiteSpace(p.Source), $"{p.Date} has no source"));
        Assert.Equal(Enumerable.Range(2020, 11), CompleteYears.Concat(PartialYears).Order());

        // A complete list has the eighteen holidays of Ley 51 de 1983 (a shared Monday may be listed once),
        // plus the 9-July holiday of Ley 2578 de 2026 from 2026.
        foreach (var year in CompleteYears)
        {
            var count = published.Count(p => p.Date.Year == year);
            Assert.InRange(count, year >= 2026 ? 18 : 17, year >= 2026 ? 19 : 18);
        }
    }

    [Fact]
    public void Portal_holidays_2020_to_2030_match_the_published_lists()
    {
        var published = LoadPublished();
        var mismatches = CompleteYears.SelectMany(y => Compare(y, published, complete: true))
            .Concat(PartialYears.SelectMany(y => Compare(y, published, complete: false)))
            .ToList();

        Assert.True(mismatches.Count == 0, "Mismatches with the published lists:\n" + string.Join("\n", mismatches));
    }

    [Fact]
    public void The_Ley_2578_de_2026_holiday_is_on_the_dates_the_law_gives()
    {
        var fromLaw = LoadPublished().Where(p => p.Source == "Ley 2578 de 2026").Select(p => p.Date);
        Assert.Equal(
            [new(2026, 7, 13), new(2027, 7, 12), new(2028, 7, 10), new(2029, 7, 9), new DateOnly(2030, 7, 15)],
            fromLaw.Order());
        Assert.All(fromLaw, d => Assert.True(ColombianCalendar.IsHoliday(d), $"{d} is not a portal holiday"));
    }
}
