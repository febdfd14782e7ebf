using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// A table's per-row link, routed once for the whole table: every row's URL differs only by the row's id, so
/// routing builds one URL with a marker id and each row gets that URL with its own id in the marker's place.
/// The contract page's Plan de pagos has a row per month (36 for a three-year contract); asking routing for
/// each row's link was about a twentieth of the page's CPU.
/// </summary>
public sealed class RowUrl
{
    // No row id gets near it, and it cannot be confused with another route value of these URLs.
    private const int Marker = int.MaxValue;

    private readonly string _before;
    private readonly string _after;

    private RowUrl(string before, string after)
    {
        _before = before;
        _after = after;
    }

    /// <summary>
    /// The link to <paramref name="action"/> of <paramref name="controller"/>, with the route values
    /// <paramref name="routeValues"/> gives for a row id.
    /// </summary>
    public static RowUrl To(IUrlHelper url, string action, string controller, Func<int, object> routeValues)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(routeValues);
        var template = url.Action(action, controller, routeValues(Marker))
            ?? throw new InvalidOperationException($"No route reaches {controller}.{action}.");
        var marker = Marker.ToString(CultureInfo.InvariantCulture);
        var at = template.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || template.IndexOf(marker, at + marker.Length, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"The route of {controller}.{action} must carry the row id once: {template}");
        }

        return new RowUrl(template[..at], template[(at + marker.Length)..]);
    }

    public string For(int id) => string.Concat(_before, id.ToString(CultureInfo.InvariantCulture), _after);
}
