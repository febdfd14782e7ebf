using FluentValidation;

namespace SecopPortal.Web.Infrastructure.Changes;

/// <summary>A form that saves under a version: it carries the version of what the user had on screen.</summary>
public interface IVersionedInput
{
    Guid? ConcurrencyStamp { get; }
}

/// <summary>The shape every versioned form shares: its version must be there (<see cref="VersionMessages.Missing"/>).</summary>
public abstract class VersionedInputValidator<T> : AbstractValidator<T>
    where T : IVersionedInput
{
    protected VersionedInputValidator() => RuleFor(x => x.ConcurrencyStamp).NotNull().WithMessage(VersionMessages.Missing);
}
