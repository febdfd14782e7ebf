namespace SecopPortal.Domain.Common;

/// <summary>The business time zone is America/Bogota: UTC−5 all year, no daylight saving.</summary>
public static class BogotaTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(-5);

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);
    }

    public static DateTime ToBogota(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(Offset);
}
