using System.Security.Claims;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using SecopPortal.Domain.Contracts;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Contracts;

/// <summary>What a user may do to one contract.</summary>
public static class ContractOperations
{
    /// <summary>See the contract's detail: its contractor, its supervisor, or an administrator (read-only).</summary>
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };

    /// <summary>File payment requests: only the contract's contractor.</summary>
    public static readonly OperationAuthorizationRequirement FilePaymentRequest = new() { Name = nameof(FilePaymentRequest) };

    /// <summary>Review, approve, reject and mark paid: only the contract's supervisor, never its contractor.</summary>
    public static readonly OperationAuthorizationRequirement Supervise = new() { Name = nameof(Supervise) };

    /// <summary>Upload execution documents: the contractor or the supervisor.</summary>
    public static readonly OperationAuthorizationRequirement UploadExecutionDocument = new() { Name = nameof(UploadExecutionDocument) };
}

/// <summary>
/// The parties of a contract, enough to decide access without loading the whole aggregate.
/// </summary>
public sealed record ContractParties(int ContractId, Guid ContractorId, Guid SupervisorId)
{
    public static ContractParties Of(Contract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new(contract.Id, contract.ContractorId, contract.SupervisorId);
    }
}

public sealed class ContractAuthorizationHandler : OperationAuthorizationHandler<ContractParties>
{
    protected override bool Allows(string operation, ClaimsPrincipal user, Guid userId, ContractParties resource)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(resource);
        var isContractor = userId == resource.ContractorId && user.IsContractor();
        var isSupervisor = userId == resource.SupervisorId && user.IsSupervisor();
        return operation switch
        {
            nameof(ContractOperations.Read) => isContractor || isSupervisor || user.IsAdministrator(),
            nameof(ContractOperations.FilePaymentRequest) => isContractor,
            nameof(ContractOperations.Supervise) => isSupervisor && userId != resource.ContractorId,
            nameof(ContractOperations.UploadExecutionDocument) => isContractor || isSupervisor,
            _ => false,
        };
    }
}
