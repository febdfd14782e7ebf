namespace SecopPortal.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Exception.Message"/> is Spanish and shown to the user as is.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string message) : base(message)
    {
    }

    public DomainException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DomainException()
    {
    }
}

/// <summary>
/// An operation was asked of an object in a state that does not allow it.
/// </summary>
public sealed class InvalidTransitionException : DomainException
{
    public InvalidTransitionException(string action, string fromState)
        : base($"No se puede {action} cuando el estado es «{fromState}».")
    {
        Action = action;
        FromState = fromState;
    }

    public InvalidTransitionException()
    {
        Action = string.Empty;
        FromState = string.Empty;
    }

    public InvalidTransitionException(string message) : base(message)
    {
        Action = string.Empty;
        FromState = string.Empty;
    }

    public InvalidTransitionException(string message, Exception innerException) : base(message, innerException)
    {
        Action = string.Empty;
        FromState = string.Empty;
    }

    public string Action { get; }

    public string FromState { get; }
}
