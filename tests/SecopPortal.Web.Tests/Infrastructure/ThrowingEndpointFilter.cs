using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>
/// Adds an address, <see cref="Path"/>, that throws: register it with
/// <c>services.AddTransient&lt;IStartupFilter, ThrowingEndpointFilter&gt;()</c> in a derived host to see an unexpected error.
/// </summary>
public sealed class ThrowingEndpointFilter : IStartupFilter
{
    public const string Path = "/prueba/falla";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            context.Request.Path == Path
                ? throw new InvalidOperationException("Simulated failure for the error page and logging tests.")
                : nextMiddleware(context));
    };
}
