using SecopPortal.Domain.Common;

namespace SecopPortal.Domain.Calendar;

/// <summary>The fields of the holiday forms, as keys of their messages (the input models' property names).</summary>
public enum HolidayChangeField
{
    Date,
    Name,
    LegalBasis,
    Reason,
}

/// <summary>
/// An administrator's change to the national holiday list (docs/product.md §4.1): a holiday added (a date, its name
/// and the norm that creates it) or a holiday of the laws removed (a date, and the norm or reason). Never deleted:
/// undoing it records who withdrew it, when and why, so the list of changes is the audit trail.
/// </summary>
public sealed class HolidayChange
{
    public const int NameMaxLength = 120;
    public const int LegalBasisMaxLength = 300;
    public const int ReasonMaxLength = 300;

    /// <summary>The first year the portal's calendar knows (Ley 51 de 1983 applies from 1984).</summary>
    public const int FirstYear = 1984;

    /// <summary>The last year a change may be about (the calendar ends with 9999; the defaults look one day beyond).</summary>
    public const int LastYear = 9998;

    private HolidayChange()
    {
        Name = string.Empty;
        LegalBasis = string.Empty;
    }

    public int Id { get; private set; }

    public HolidayChangeKind Kind { get; private set; }

    public DateOnly Date { get; private set; }

    /// <summary>The holiday's name: the added one's, or the removed one's as the laws call it.</summary>
    public string Name { get; private set; }

    /// <summary>The norm that adds the holiday ("Ley 2578 de 2026"), or the norm or reason that removes it.</summary>
    public string LegalBasis { get; private set; }

    public Guid MadeById { get; private set; }

    public DateTime MadeAtUtc { get; private set; }

    public Guid? WithdrawnById { get; private set; }

    /// <summary>When it was undone; null while it is in force (a concurrency token: two undos never both succeed).</summary>
    public DateTime? WithdrawnAtUtc { get; private set; }

    public string? WithdrawalReason { get; private set; }

    public bool IsInForce => WithdrawnAtUtc is null;

    /// <summary>"Agregar festivo": <paramref name="date"/> becomes a holiday, unless it already is one in <paramref name="calendar"/>.</summary>
    /// <exception cref="DomainValidationException">With a message per field to correct.</exception>
    public static HolidayChange Add(HolidayCalendar calendar, DateOnly? date, string? name, string? legalBasis, Guid adminId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var rules = new List<RuleViolation>();
        if (CheckDate(date, rules) is { } day && calendar.IsHoliday(day))
        {
            var existing = calendar.HolidaysOf(day.Year).First(h => h.Date == day);
            rules.Add(RuleViolation.Of(HolidayChangeField.Date, $"El {SpanishText.Date(day)} ya es festivo ({existing.Name})."));
        }

        var cleanName = Text(name, HolidayChangeField.Name, NameMaxLength, "Escriba el nombre del festivo.", "El nombre admite", rules);
        var basis = Text(legalBasis, HolidayChangeField.LegalBasis, LegalBasisMaxLength, "Escriba la norma que crea el festivo, por ejemplo «Ley 2578 de 2026».", "La norma admite", rules);
        ThrowIfAny(rules);
        return new HolidayChange
        {
            Kind = HolidayChangeKind.Addition,
            Date = date!.Value,
            Name = cleanName!,
            LegalBasis = basis!,
            MadeById = adminId,
            MadeAtUtc = nowUtc,
        };
    }

    /// <summary>
    /// "Retirar festivo" of a holiday of the laws: <paramref name="date"/> stops being one. A holiday an administrator
    /// added is retired by undoing its addition (<see cref="Withdraw"/>), not by a removal.
    /// </summary>
    /// <exception cref="DomainValidationException">With a message per field to correct.</exception>
    public static HolidayChange Remove(HolidayCalendar calendar, DateOnly? date, string? legalBasis, Guid adminId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var rules = new List<RuleViolation>();
        var lawHolidays = new List<Holiday>();
        if (CheckDate(date, rules) is { } day)
        {
            lawHolidays.AddRange(HolidayCalendar.LawHolidaysOn(day));
            if (lawHolidays.Count == 0)
            {
                rules.Add(RuleViolation.Of(HolidayChangeField.Date, $"El {SpanishText.Date(day)} no es un festivo de la ley: no hay nada que retirar."));
            }
            else if (calendar.Adjustments.Any(a => a.Kind == HolidayChangeKind.Removal && a.Date == day))
            {
                rules.Add(RuleViolation.Of(HolidayChangeField.Date, $"El festivo del {SpanishText.Date(day)} ya fue retirado."));
            }
        }

        var basis = Text(legalBasis, HolidayChangeField.LegalBasis, LegalBasisMaxLength, "Escriba la norma o el motivo por el que se retira el festivo.", "El motivo admite", rules);
        ThrowIfAny(rules);
        return new HolidayChange
        {
            Kind = HolidayChangeKind.Removal,
            Date = date!.Value,
            Name = string.Join(" y ", lawHolidays.Select(h => h.Name)),
            LegalBasis = basis!,
            MadeById = adminId,
            MadeAtUtc = nowUtc,
        };
    }

    /// <summary>"Deshacer": the change stops counting; it stays listed with who undid it, when and why.</summary>
    /// <exception cref="DomainException">It was already undone.</exception>
    /// <exception cref="DomainValidationException">No reason, or too long a one.</exception>
    public void Withdraw(string? reason, Guid adminId, DateTime nowUtc)
    {
        if (WithdrawnAtUtc is { } withdrawn)
        {
            throw new DomainException($"Este cambio ya fue deshecho el {SpanishText.Date(DateOnly.FromDateTime(withdrawn))}.");
        }

        var rules = new List<RuleViolation>();
        var text = Text(reason, HolidayChangeField.Reason, ReasonMaxLength, "Escriba por qué se deshace este cambio.", "El motivo admite", rules);
        ThrowIfAny(rules);
        WithdrawnById = adminId;
        WithdrawnAtUtc = nowUtc;
        WithdrawalReason = text;
    }

    /// <summary>The change as the calendar applies it while it is in force.</summary>
    public HolidayAdjustment ToAdjustment() => new(Kind, Date, Name);

    private static DateOnly? CheckDate(DateOnly? date, List<RuleViolation> rules)
    {
        if (date is not { } day)
        {
            rules.Add(RuleViolation.Of(HolidayChangeField.Date, "Escriba la fecha del festivo (dd/mm/aaaa)."));
            return null;
        }

        if (day.Year is < FirstYear or > LastYear)
        {
            rules.Add(RuleViolation.Of(HolidayChangeField.Date, $"La fecha debe estar entre los años {SpanishText.Number(FirstYear)} y {SpanishText.Number(LastYear)}."));
            return null;
        }

        return day;
    }

    private static string? Text(string? value, HolidayChangeField field, int maxLength, string missing, string subject, List<RuleViolation> rules)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            rules.Add(RuleViolation.Of(field, missing));
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            rules.Add(RuleViolation.Of(field, $"{subject} como máximo {SpanishText.Count(maxLength)} caracteres."));
            return null;
        }

        return trimmed;
    }

    private static void ThrowIfAny(List<RuleViolation> rules)
    {
        if (rules.Count > 0)
        {
            throw new DomainValidationException(rules);
        }
    }
}
