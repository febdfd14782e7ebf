using Microsoft.Extensions.DependencyInjection;

namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>
/// The handler-level test style: the unit of one user action resolved from the portal's own services, in a scope of
/// its own as one request of the portal would have, and called directly on the real database.
/// </summary>
public static class Handlers
{
    public static async Task<TResult> HandleAsync<THandler, TResult>(this PortalFactory factory, Func<THandler, Task<TResult>> handle)
        where THandler : notnull
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(handle);
        await using var scope = factory.Services.CreateAsyncScope();
        return await handle(scope.ServiceProvider.GetRequiredService<THandler>());
    }
}
