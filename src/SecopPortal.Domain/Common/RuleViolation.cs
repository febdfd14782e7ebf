namespace SecopPortal.Domain.Common;

/// <summary>
/// One broken rule, tied to the field the user has to correct. <see cref="Field"/> is the input model's property
/// name; the domain never writes it by hand but names it with a typed key (<see cref="Of{TField}"/>), whose
/// member names the Web tests hold against the inputs. An empty <see cref="Field"/> is about the whole object.
/// </summary>
public sealed record RuleViolation(string Field, string Message)
{
    /// <summary>A violation keyed by <paramref name="field"/>: <see cref="Field"/> is the member's name.</summary>
    public static RuleViolation Of<TField>(TField field, string message)
        where TField : struct, Enum => new(KeyOf(field), message);

    /// <summary>A violation of the whole object rather than of one field; a form shows it in its summary.</summary>
    public static RuleViolation General(string message) => new(string.Empty, message);

    /// <summary>The <see cref="Field"/> a typed key stands for: the member's name (<c>PaymentRequestField.Cufe</c> → "Cufe").</summary>
    public static string KeyOf<TField>(TField field)
        where TField : struct, Enum =>
        Enum.IsDefined(field) ? field.ToString() : throw new ArgumentOutOfRangeException(nameof(field), field, "Not a member of the key's type.");
}

/// <summary>Several broken rules at once, so a form can show each message next to its field.</summary>
public sealed class DomainValidationException : DomainException
{
    public DomainValidationException(IReadOnlyList<RuleViolation> violations)
        : base(BuildMessage(violations))
    {
        Violations = violations;
    }

    public DomainValidationException()
    {
        Violations = [];
    }

    public DomainValidationException(string message) : base(message)
    {
        Violations = [RuleViolation.General(message)];
    }

    public DomainValidationException(string message, Exception innerException) : base(message, innerException)
    {
        Violations = [RuleViolation.General(message)];
    }

    public IReadOnlyList<RuleViolation> Violations { get; }

    private static string BuildMessage(IReadOnlyList<RuleViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        return violations.Count == 1
            ? violations[0].Message
            : $"Hay {SpanishText.Count(violations.Count)} datos por corregir: " + string.Join(" ", violations.Select(v => v.Message));
    }
}

/// <summary>Collects violations and throws them together.</summary>
public sealed class RuleCollector
{
    private readonly List<RuleViolation> _violations = [];

    public IReadOnlyList<RuleViolation> Violations => _violations;

    public bool HasViolations => _violations.Count > 0;

    public void Add(string field, string message) => _violations.Add(new RuleViolation(field, message));

    /// <summary>Adds a violation keyed by a typed field (<see cref="RuleViolation.Of{TField}"/>).</summary>
    public void Add<TField>(TField field, string message)
        where TField : struct, Enum => _violations.Add(RuleViolation.Of(field, message));

    /// <summary>Adds a violation of the whole object (<see cref="RuleViolation.General"/>).</summary>
    public void AddGeneral(string message) => _violations.Add(RuleViolation.General(message));

    public void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, message);
        }
    }

    /// <summary>Adds a violation keyed by <paramref name="field"/> unless <paramref name="condition"/> holds.</summary>
    public void Require<TField>(bool condition, TField field, string message)
        where TField : struct, Enum
    {
        if (!condition)
        {
            Add(field, message);
        }
    }

    public void ThrowIfAny()
    {
        if (_violations.Count > 0)
        {
            throw new DomainValidationException(_violations.ToList());
        }
    }
}
