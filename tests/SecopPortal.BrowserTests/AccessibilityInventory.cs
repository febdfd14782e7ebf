using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.BrowserTests.Infrastructure;

namespace SecopPortal.BrowserTests;

/// <summary>Who looks at a page in the accessibility sweep (one browser context per role).</summary>
[Flags]
internal enum Who
{
    None = 0,
    Anonymous = 1,

    /// <summary>The demo contractor (persona natural) and the sweep's own contractor (<see cref="AccessibilityWorld"/>).</summary>
    Contractor = 2,
    Contractor2 = 4,

    /// <summary>The demo provider (persona jurídica).</summary>
    Provider = 8,
    Supervisor = 16,
    Admin = 32,
    Contractors = Contractor | Contractor2 | Provider,
    SignedIn = Contractors | Supervisor | Admin,
    Everyone = Anonymous | SignedIn,
}

/// <summary>
/// A page of the portal (a GET route answering HTML) and the roles that see it. With <see cref="Url"/> the sweep opens
/// it as it is for every role in <see cref="Roles"/> (state <see cref="State"/>); without, each role's test brings it
/// into its empty, error and filled states by hand, and fails if it forgets one.
/// </summary>
internal sealed record InventoryPage(string Pattern, Who Roles, string? Url = null, string State = "filled", int Status = 200)
{
    /// <summary>Checked only once the app serves the route (pages another branch adds; the inventory test lists them).</summary>
    public bool OnlyIfServed { get; init; }
}

/// <summary>A GET route that answers no HTML page (a file, a redirect, a probe) and why.</summary>
internal sealed record NotAPage(string Pattern, string Why);

/// <summary>
/// Every GET route of the portal, each either a page the sweep checks or a route that answers no page. The inventory
/// test fails when the app serves a GET route missing here, so a new page is covered from the day it exists: adding a
/// static page is one line below (with its URL); a page with states needs its line and its states in a role's test.
/// </summary>
internal static class AccessibilityInventory
{
    public static readonly IReadOnlyList<InventoryPage> Pages =
    [
        // Anyone. Pages whose only role-specific part is the header (checked on every other page of each role) are
        // checked signed out and as one signed-in role, to keep the sweep short.
        new("/cuenta/acceso-denegado", Who.Anonymous | Who.Contractor, "/cuenta/acceso-denegado", Status: 403),
        new("/error/{statusCode}", Who.Anonymous | Who.Contractor, "/error/404", Status: 404),
        new("/error/{statusCode}", Who.Anonymous | Who.Contractor, "/error/500", Status: 500),
        // Signed out, an unknown address leads to the sign-in page (the portal requires a session by default).
        new("/error/{statusCode}", Who.Admin, "/no-existe-esta-pagina", "filled (an unknown address)", Status: 404),
        new("/error", Who.Anonymous | Who.Supervisor, "/error", Status: 500),
        new("/ayuda", Who.Anonymous | Who.Contractor, "/ayuda") { OnlyIfServed = true },
        new("/contacto", Who.Anonymous | Who.Contractor, "/contacto") { OnlyIfServed = true },
        new("/privacidad", Who.Anonymous | Who.Contractor, "/privacidad") { OnlyIfServed = true },
        new("/accesibilidad", Who.Anonymous | Who.Contractor, "/accesibilidad") { OnlyIfServed = true },
        new("/terminos", Who.Anonymous | Who.Contractor, "/terminos") { OnlyIfServed = true },

        // Anonymous (signed in, "/" sends each user to their work).
        new("/", Who.Anonymous, "/"),
        new("/cuenta/iniciar-sesion", Who.Anonymous),
        new("/publico/contratos", Who.Anonymous),
        new("/publico/contratos/{id}", Who.Anonymous),

        // Every signed-in user.
        new("/cuenta/cambiar-contrasena", Who.Contractor | Who.Admin, "/cuenta/cambiar-contrasena", "empty"),
        new("/notificaciones", Who.Contractor2 | Who.Supervisor, "/notificaciones", "as the account has them"),

        // Contracts and payment requests.
        new("/contratos", Who.SignedIn),
        new("/contratos/{id}", Who.SignedIn),
        new("/contratos/{contractId}/pagos/crear", Who.Contractors),
        new("/contratos/{contractId}/pagos/{id}", Who.Contractor | Who.Supervisor | Who.Admin),
        new("/contratos/{contractId}/documentos/nuevo", Who.Contractor | Who.Provider | Who.Supervisor),
        new("/contratos/{contractId}/documentos/{documentId}", Who.Contractor | Who.Supervisor),
        new("/revision", Who.Supervisor),
        new("/revision/{id}", Who.Supervisor),

        // Administration.
        new("/administracion", Who.Admin, "/administracion"),
        new("/administracion/usuarios", Who.Admin),
        new("/administracion/usuarios/nuevo", Who.Admin),
        new("/administracion/usuarios/{id}/editar", Who.Admin),
        new("/administracion/contratos", Who.Admin),
        new("/administracion/contratos/nuevo", Who.Admin),
        new("/administracion/contratos/{id}/editar", Who.Admin),
        new("/administracion/entidades", Who.Admin),
        new("/administracion/entidades/nueva", Who.Admin),
        new("/administracion/entidades/{id}/editar", Who.Admin),
        new("/administracion/entidades/{id}/documentos", Who.Admin),
        new("/administracion/festivos", Who.Admin),
        new("/administracion/festivos/retirar", Who.Admin),
        new("/administracion/festivos/cambios/{id}/deshacer", Who.Admin),
        new("/administracion/auditoria", Who.Admin),
    ];

    public static readonly IReadOnlyList<NotAPage> NotPages =
    [
        new("/health", "health probe (plain text)"),
        new("/notificaciones/{id}", "marks the notification read and redirects to its page"),
        new("/contratos/{contractId}/pagos/{id}/cuenta-de-cobro.pdf", "PDF"),
        new("/contratos/{contractId}/pagos/{id}/documentos.pdf", "PDF"),
        new("/pagos/{requestId}/anexos/{attachmentId}/descargar", "file download"),
        new("/contratos/{contractId}/documentos/{documentId}/descargar", "file download"),
        new("/publico/contratos/{contractId}/documentos/{documentId}/descargar", "file download"),
        new("/publico/contratos/{id}/plan-de-pagos.csv", "open data (CSV)"),
        new("/publico/datos/plan-de-pagos.csv", "open data (CSV)"),
        new("/publico/contratos/{id}/ocds.json", "open data (OCDS JSON)"),
        new("/administracion/auditoria/csv", "CSV export"),
    ];

    /// <summary>The GET route patterns the running app serves ("/contratos/{contractId}/pagos/{id}", constraints removed).</summary>
    public static IReadOnlySet<string> ServedGetPatterns(PortalBrowserFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var patterns = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (methods is null || methods.Count == 0 || methods.Contains("GET"))
            {
                patterns.Add(Normalize(endpoint.RoutePattern.RawText ?? "/"));
            }
        }

        return patterns;
    }

    /// <summary>"contratos/{contractId:int}/pagos/{id:int}" → "/contratos/{contractId}/pagos/{id}".</summary>
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return "/" + Regex.Replace(raw.Trim('/'), @"\{\**([^}:=?]+)[^}]*\}", "{$1}", RegexOptions.None, TimeSpan.FromSeconds(1));
    }
}
