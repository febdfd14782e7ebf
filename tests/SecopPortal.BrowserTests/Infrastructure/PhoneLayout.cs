using Microsoft.Playwright;

namespace SecopPortal.BrowserTests.Infrastructure;

/// <summary>Checks of a page on a phone (390 px unless told, 320 px for the narrowest).</summary>
internal static class PhoneLayout
{
    /// <summary>The phone width the layout checks use (an iPhone 12–15 in portrait).</summary>
    public const int Width = 390;

    /// <summary>The narrowest phone width the layout checks use (an iPhone SE, first generation, in portrait).</summary>
    public const int NarrowWidth = 320;

    /// <summary>
    /// Fails, naming what sticks out, when the page is wider than <paramref name="width"/> (the viewport's width, which
    /// the caller has set; <see cref="Width"/> unless told).
    /// </summary>
    public static async Task ExpectNoSidewaysScrollAsync(IPage page, string what, int width = Width)
    {
        ArgumentNullException.ThrowIfNull(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= width, $"The {what} scrolls sideways at {width} px: scrollWidth {widths[0]}, clientWidth {widths[1]}. Widest: {await WidestElementsAsync(page)}");
    }

    /// <summary>What sticks out past the viewport, to make a failure actionable.</summary>
    private static Task<string> WidestElementsAsync(IPage page) => page.EvaluateAsync<string>(
        """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right))
            .join(', ')
        """);
}
