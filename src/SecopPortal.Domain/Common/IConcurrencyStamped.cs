namespace SecopPortal.Domain.Common;

/// <summary>
/// An aggregate whose writes are guarded by optimistic concurrency. The persistence layer renews
/// <see cref="ConcurrencyStamp"/> on every update, so of two people acting on the same version only
/// the first one succeeds.
/// </summary>
public interface IConcurrencyStamped
{
    Guid ConcurrencyStamp { get; }

    void RenewConcurrencyStamp();
}
