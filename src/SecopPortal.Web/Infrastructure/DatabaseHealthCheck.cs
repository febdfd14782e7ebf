using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Infrastructure;

/// <summary>GET /health answers Unhealthy (503) when the database cannot be reached.</summary>
public sealed class DatabaseHealthCheck(PortalDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("La base de datos responde.")
                : HealthCheckResult.Unhealthy("No hay conexión con la base de datos.");
        }
#pragma warning disable CA1031 // A health check reports every failure instead of throwing it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("No hay conexión con la base de datos.", ex);
        }
    }
}
