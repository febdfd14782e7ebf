using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>A button of the read-only request page: the request, the version the page showed, the contractor.</summary>
public sealed record StateChangeCommand(int RequestId, Guid? SeenVersion, Guid UserId);

/// <summary>
/// One change of one payment request (<see cref="PaymentRequestWorkspace.BeginChangeAsync"/>): the tracked request
/// and its contract, held to the version the user saw, with the <see cref="ChangeScope"/> that stages files and saves.
/// Disposing it uncommitted forgets everything it did.
/// </summary>
public sealed class PaymentRequestChange(ChangeScope scope, PaymentRequest request, Contract contract) : IAsyncDisposable
{
    public PaymentRequest Request { get; } = request;

    public Contract Contract { get; } = contract;

    public ChangeScope Scope { get; } = scope;

    public Task<IntakeResult> StageAsync(IFormFile file, CancellationToken cancellationToken) => Scope.StageAsync(file, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => Scope.CommitAsync(cancellationToken, duplicateIsRace: true);

    public ValueTask DisposeAsync() => Scope.DisposeAsync();
}
