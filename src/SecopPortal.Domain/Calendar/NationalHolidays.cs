namespace SecopPortal.Domain.Calendar;

/// <summary>How a holiday's date is found in a given year.</summary>
public enum HolidayRule
{
    /// <summary>Always on its date, whatever the weekday.</summary>
    Fixed = 1,

    /// <summary>On its date when that is a Monday, else on the next Monday (Ley 51 de 1983, "Ley Emiliani").</summary>
    MovedToMonday,

    /// <summary>A number of days from Easter Sunday, on that day.</summary>
    EasterOffset,

    /// <summary>A number of days from Easter Sunday, then moved to Monday like <see cref="MovedToMonday"/>.</summary>
    EasterOffsetMovedToMonday,
}

/// <summary>
/// A national holiday as the law that created it defines it, with the first year it applies, so a law that adds
/// (or removes) a holiday is one more row, not a change of the algorithm.
/// </summary>
/// <param name="Name">The holiday's Spanish name.</param>
/// <param name="Rule">How its date is found.</param>
/// <param name="Month">Month of its date (fixed and moved rules).</param>
/// <param name="Day">Day of its date (fixed and moved rules).</param>
/// <param name="DaysFromEaster">Days after Easter Sunday (negative before it) for the Easter rules.</param>
/// <param name="Law">The law that makes it a holiday.</param>
/// <param name="FromYear">The first year it is observed.</param>
/// <param name="UntilYear">The last year it is observed, when a law removed it.</param>
public sealed record HolidayDefinition(
    string Name, HolidayRule Rule, int Month, int Day, int DaysFromEaster, string Law, int FromYear, int? UntilYear = null)
{
    public static HolidayDefinition Fixed(string name, int month, int day, string law, int fromYear) =>
        new(name, HolidayRule.Fixed, month, day, 0, law, fromYear);

    public static HolidayDefinition Moved(string name, int month, int day, string law, int fromYear) =>
        new(name, HolidayRule.MovedToMonday, month, day, 0, law, fromYear);

    public static HolidayDefinition FromEaster(string name, int days, bool movedToMonday, string law, int fromYear) =>
        new(name, movedToMonday ? HolidayRule.EasterOffsetMovedToMonday : HolidayRule.EasterOffset, 0, 0, days, law, fromYear);

    /// <summary>Whether the holiday is observed in <paramref name="year"/>.</summary>
    public bool AppliesIn(int year) => year >= FromYear && (UntilYear is null || year <= UntilYear);

    /// <summary>Whether its date in <paramref name="year"/> was moved to the following Monday (Ley 51 de 1983).</summary>
    public bool IsMovedIn(int year) =>
        Rule is HolidayRule.MovedToMonday or HolidayRule.EasterOffsetMovedToMonday && DateIn(year) != UnmovedDateIn(year);

    /// <summary>The date it is observed in <paramref name="year"/> (after any move to Monday).</summary>
    public DateOnly DateIn(int year)
    {
        var date = UnmovedDateIn(year);
        return Rule is HolidayRule.MovedToMonday or HolidayRule.EasterOffsetMovedToMonday
            ? date.AddDays(((int)DayOfWeek.Monday - (int)date.DayOfWeek + 7) % 7)
            : date;
    }

    /// <summary>The date its rule names in <paramref name="year"/>, before any move to Monday.</summary>
    private DateOnly UnmovedDateIn(int year) => Rule switch
    {
        HolidayRule.Fixed or HolidayRule.MovedToMonday => new DateOnly(year, Month, Day),
        HolidayRule.EasterOffset or HolidayRule.EasterOffsetMovedToMonday => ColombianCalendar.EasterSunday(year).AddDays(DaysFromEaster),
        _ => throw new InvalidOperationException($"Unknown holiday rule {Rule}."),
    };
}

/// <summary>
/// Colombia's national holidays as data (docs/product.md §4): the eighteen of Ley 51 de 1983 (observed since 1984),
/// and the ones later laws added. Listed in a fixed order so that two holidays on one date keep a stable order.
/// </summary>
public static class NationalHolidays
{
    private const string Emiliani = "Ley 51 de 1983";
    private const int EmilianiFrom = 1984;

    /// <summary>The holidays the laws give <paramref name="year"/>, each with its definition, in the order of <see cref="All"/>.</summary>
    public static IEnumerable<(HolidayDefinition Definition, DateOnly Date)> ObservedIn(int year) =>
        All.Where(definition => definition.AppliesIn(year)).Select(definition => (definition, definition.DateIn(year)));

    public static IReadOnlyList<HolidayDefinition> All { get; } =
    [
        HolidayDefinition.Fixed("Año Nuevo", 1, 1, Emiliani, EmilianiFrom),
        HolidayDefinition.Moved("Día de los Reyes Magos", 1, 6, Emiliani, EmilianiFrom),
        HolidayDefinition.Moved("Día de San José", 3, 19, Emiliani, EmilianiFrom),
        HolidayDefinition.FromEaster("Jueves Santo", -3, movedToMonday: false, Emiliani, EmilianiFrom),
        HolidayDefinition.FromEaster("Viernes Santo", -2, movedToMonday: false, Emiliani, EmilianiFrom),
        HolidayDefinition.Fixed("Día del Trabajo", 5, 1, Emiliani, EmilianiFrom),
        HolidayDefinition.FromEaster("Ascensión del Señor", 39, movedToMonday: true, Emiliani, EmilianiFrom),
        HolidayDefinition.FromEaster("Corpus Christi", 60, movedToMonday: true, Emiliani, EmilianiFrom),
        HolidayDefinition.FromEaster("Sagrado Corazón de Jesús", 68, movedToMonday: true, Emiliani, EmilianiFrom),
        HolidayDefinition.Moved("San Pedro y San Pablo", 6, 29, Emiliani, EmilianiFrom),
        HolidayDefinition.Moved("Nuestra Señora del Rosario de Chiquinquirá", 7, 9, "Ley 2578 de 2026", 2026),
        HolidayDefinition.Fixed("Día de la Independencia", 7, 20, Emiliani, EmilianiFrom),
        HolidayDefinition.Fixed("Batalla de Boyacá", 8, 7, Emiliani, EmilianiFrom),
        HolidayDefinition.Moved("Asunción de la Virgen", 8, 15, Emiliani, EmilianiFrom),
        HolidayDefinition.Moved("Día de la Raza", 10, 12, Emiliani, EmilianiFrom),
        HolidayDefinition.Moved("Día de Todos los Santos", 11, 1, Emiliani, EmilianiFrom),
        HolidayDefinition.Moved("Independencia de Cartagena", 11, 11, Emiliani, EmilianiFrom),
        HolidayDefinition.Fixed("Día de la Inmaculada Concepción", 12, 8, Emiliani, EmilianiFrom),
        HolidayDefinition.Fixed("Navidad", 12, 25, Emiliani, EmilianiFrom),
    ];
}
