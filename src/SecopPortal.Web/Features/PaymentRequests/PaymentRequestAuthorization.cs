using System.Security.Claims;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>What a user may do to one payment request.</summary>
public static class PaymentRequestOperations
{
    /// <summary>
    /// See the request: always its contractor; the contract's supervisor and administrators only once it
    /// has been sent at least once (a draft is the contractor's alone).
    /// </summary>
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };

    /// <summary>Edit, attach, confirm, send, delete: only the contractor who filed it, while they are the contract's contractor.</summary>
    public static readonly OperationAuthorizationRequirement File = new() { Name = nameof(File) };

    /// <summary>Approve or reject: only the contract's supervisor, never the request's contractor.</summary>
    public static readonly OperationAuthorizationRequirement Review = new() { Name = nameof(Review) };

    /// <summary>Mark paid: the contract's supervisor or an administrator, never the request's contractor.</summary>
    public static readonly OperationAuthorizationRequirement MarkPaid = new() { Name = nameof(MarkPaid) };
}

/// <summary>Who is who on one request, read in one projection.</summary>
public sealed record PaymentRequestParties(
    int RequestId,
    int ContractId,
    Guid RequestContractorId,
    Guid ContractContractorId,
    Guid SupervisorId,
    PaymentRequestStatus Status,
    int SendCount)
{
    public bool WasEverSent => SendCount > 0;
}

public sealed class PaymentRequestAuthorizationHandler : OperationAuthorizationHandler<PaymentRequestParties>
{
    protected override bool Allows(string operation, ClaimsPrincipal user, Guid userId, PaymentRequestParties resource)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(resource);
        var isFiler = userId == resource.RequestContractorId && userId == resource.ContractContractorId && user.IsContractor();
        var isOwnRequest = userId == resource.RequestContractorId;
        var isSupervisor = userId == resource.SupervisorId && user.IsSupervisor() && !isOwnRequest;
        var isAdmin = user.IsAdministrator() && !isOwnRequest;
        return operation switch
        {
            nameof(PaymentRequestOperations.Read) => isOwnRequest || ((isSupervisor || isAdmin) && resource.WasEverSent),
            nameof(PaymentRequestOperations.File) => isFiler,
            nameof(PaymentRequestOperations.Review) => isSupervisor && resource.WasEverSent,
            nameof(PaymentRequestOperations.MarkPaid) => (isSupervisor || isAdmin) && resource.WasEverSent,
            _ => false,
        };
    }
}
