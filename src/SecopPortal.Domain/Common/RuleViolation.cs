namespace SecopPortal.Domain.Common;

/// <summary>One broken rule, tied to the field the user has to correct (the input model's property name).</summary>
public sealed record RuleViolation(string Field, string Message);

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
        Violations = [new RuleViolation(string.Empty, message)];
    }

    public DomainValidationException(string message, Exception innerException) : base(message, innerException)
    {
        Violations = [new RuleViolation(string.Empty, message)];
    }

    public IReadOnlyList<RuleViolation> Violations { get; }

    private static string BuildMessage(IReadOnlyList<RuleViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        return violations.Count == 1
            ? violations[0].Message
            : $"Hay {violations.Count} datos por corregir: " + string.Join(" ", violations.Select(v => v.Message));
    }
}

/// <summary>Collects violations and throws them together.</summary>
public sealed class RuleCollector
{
    private readonly List<RuleViolation> _violations = [];

    public IReadOnlyList<RuleViolation> Violations => _violations;

    public bool HasViolations => _violations.Count > 0;

    public void Add(string field, string message) => _violations.Add(new RuleViolation(field, message));

    public void Require(bool condition, string field, string message)
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
