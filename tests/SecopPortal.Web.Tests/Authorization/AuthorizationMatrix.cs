using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Authorization;

/// <summary>One route of the app as its endpoint data source lists it: "/contratos/{contractId}/pagos/{id}" and a method.</summary>
/// <param name="Pattern">The route pattern with its constraints removed, starting with "/".</param>
/// <param name="AnyMethod">The endpoint declares no HTTP method (it answers every method); the matrix sends GET and POST.</param>
internal sealed record AppRoute(string Pattern, string Method, IReadOnlyList<string> Parameters, string DisplayName, bool AnyMethod)
{
    public override string ToString() => $"{Method} {Pattern}";

    /// <summary>Every route endpoint of the running app, one row per method.</summary>
    public static IReadOnlyList<AppRoute> Of(PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var routes = new List<AppRoute>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = endpoint.RoutePattern.RawText ?? string.Join("/", endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(PartText))));
            var pattern = Normalize(raw);
            var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            var any = methods is null || methods.Count == 0;
            foreach (var method in any ? ["GET", "POST"] : methods!)
            {
                routes.Add(new AppRoute(pattern, method, parameters, endpoint.DisplayName ?? pattern, any));
            }
        }

        return routes.OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();
    }

    /// <summary>"contratos/{contractId:int}/pagos/{id:int}" → "/contratos/{contractId}/pagos/{id}".</summary>
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var withoutConstraints = Regex.Replace(raw.Trim('/'), @"\{\**([^}:=?]+)[^}]*\}", "{$1}");
        return "/" + withoutConstraints;
    }

    private static string PartText(Microsoft.AspNetCore.Routing.Patterns.RoutePatternPart part) => part switch
    {
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
        _ => string.Empty,
    };
}

/// <summary>What came back: the status, where a redirect points, and the body.</summary>
internal sealed record Answer(int Status, string? Location, string Body)
{
    /// <summary>The body with HTML entities decoded (Razor writes "Alcaldía" as "Alcald&amp;#xED;a").</summary>
    public string Text { get; } = WebUtility.HtmlDecode(Body);

    /// <summary>The redirect stays on the portal: a local path, or this very host.</summary>
    public bool RedirectsLocally =>
        !IsRedirect
        || (Location is { Length: > 0 } location
            && (Uri.TryCreate(location, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
                ? absolute.Host == "localhost"
                : location[0] == '/' && (location.Length == 1 || (location[1] != '/' && location[1] != '\\'))));

    public bool Shows(string text) => Body.Contains(text, StringComparison.Ordinal) || Text.Contains(text, StringComparison.Ordinal);

    /// <summary>What the page says around <paramref name="text"/>, tags stripped: the leak as the user reads it.</summary>
    public string Around(string text)
    {
        var plain = Regex.Replace(Regex.Replace(Text, "<[^>]*>", " "), @"\s+", " ");
        var at = plain.IndexOf(text, StringComparison.Ordinal);
        return at < 0 ? "(in the raw bytes)" : plain[Math.Max(0, at - 80)..Math.Min(plain.Length, at + text.Length + 120)].Trim();
    }

    public bool IsRedirect => Status is 301 or 302 or 303 or 307 or 308;

    public bool IsSignIn => IsRedirect && Location!.Contains(PortalHttp.LoginPath, StringComparison.OrdinalIgnoreCase);

    public bool IsDenied => IsRedirect && Location!.Contains(AuthorizationMatrix.DeniedPath, StringComparison.OrdinalIgnoreCase);

    public bool IsPlainRedirect => IsRedirect && !IsSignIn && !IsDenied;

    /// <summary>Short, for the printed matrix: 200, 404, →login, →denied, 302.</summary>
    public string Short => IsSignIn ? "→login" : IsDenied ? "→denied" : Status.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => IsRedirect ? $"{Status.ToString(CultureInfo.InvariantCulture)} → {Location}" : Status.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Which strings of the case a response must not contain.</summary>
internal enum Hide
{
    Nothing,

    /// <summary>Every distinctive string of every object the URL names.</summary>
    AllSecrets,

    /// <summary>Only those of the innermost object (the request's own data may show: it is the user's own page).</summary>
    ChildSecrets,
}

/// <summary>Which form a POST carries.</summary>
internal enum BodyKind
{
    /// <summary>Only the antiforgery token: an allowed user's POST stays harmless (no version, nothing changes).</summary>
    Minimal,

    /// <summary>
    /// The object's real version and the fields a successful action needs: if the check were missing, the action would
    /// really happen (and the snapshot taken after the sweep would show it).
    /// </summary>
    Attack,

    /// <summary>Only the real version of the owner's request: makes the app look at the (foreign or missing) attachment id.</summary>
    OwnerProbe,
}

/// <summary>One cell of the truth table.</summary>
internal sealed record Expect(string Name, Func<Answer, bool> Accepts, Hide Hides, BodyKind Body, bool IsAllowed)
{
    public static readonly Expect Ok = new("200", a => a.Status == 200, Hide.Nothing, BodyKind.Minimal, true);

    public static readonly Expect Redirect = new("302", a => a.IsPlainRedirect, Hide.Nothing, BodyKind.Minimal, true);

    public static readonly Expect OkOrRedirect = new("200/302", a => a.Status == 200 || a.IsPlainRedirect, Hide.Nothing, BodyKind.Minimal, true);

    public static readonly Expect NotFound = new("404", a => a.Status == 404, Hide.AllSecrets, BodyKind.Attack, false);

    public static readonly Expect Denied = new($"302 → {AuthorizationMatrix.DeniedPath}", a => a.IsDenied, Hide.AllSecrets, BodyKind.Attack, false);

    public static readonly Expect SignIn = new($"302 → {PortalHttp.LoginPath}", a => a.IsSignIn, Hide.AllSecrets, BodyKind.Attack, false);

    /// <summary>The owner's own request, but an attachment that is not its own: the page again with the error, nothing removed.</summary>
    public static readonly Expect RefusedOnPage = new("200 (refused on the page)", a => a.Status == 200, Hide.ChildSecrets, BodyKind.OwnerProbe, false);

    /// <summary>Public pages with a status of their own (error pages, the 403 page).</summary>
    public static Expect Status(int code) =>
        new(code.ToString(CultureInfo.InvariantCulture), a => a.Status == code, Hide.Nothing, BodyKind.Minimal, false);

    /// <summary>A POST without its antiforgery token.</summary>
    public Expect WithoutToken() =>
        IsAllowed
            ? new("400 (no antiforgery token)", a => a.Status == 400, Hide.AllSecrets, BodyKind.Attack, false)
            : new($"{Name} or 400", a => Accepts(a) || a.Status == 400, Hide.AllSecrets, BodyKind.Attack, false);

    public override string ToString() => Name;
}

/// <summary>One way of filling a route's parameters, and the objects those ids are.</summary>
internal sealed record Case(string Label, IReadOnlyDictionary<string, string> Values)
{
    public static readonly Case NoId = new("-", new Dictionary<string, string>());

    /// <summary>Appended to the URL ("?vista=todos"): list pages are probed with their filters too.</summary>
    public string Query { get; init; } = string.Empty;

    public ContractRef? Contract { get; init; }

    public RequestRef? Request { get; init; }

    public AttachmentRef? Attachment { get; init; }

    public DocumentRef? Document { get; init; }

    public NotificationRef? Notification { get; init; }

    /// <summary>Set on admin cases: whether the id exists.</summary>
    public bool? AdminTargetExists { get; init; }

    /// <summary>Strings of every object named: none may appear where the user is refused.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Strings of the innermost object only.</summary>
    public IReadOnlyList<string> ChildSecrets { get; init; } = [];

    /// <summary>What an allowed GET of a page about this object must show (so the secrets above are known to be real).</summary>
    public string? Shown { get; init; }

    /// <summary>An id in the URL does not exist.</summary>
    public bool HasMissingId { get; init; }

    /// <summary>The ids exist but do not belong together (a request under another contract, …).</summary>
    public bool IsMismatch { get; init; }

    public IReadOnlyDictionary<string, string> AttackBody { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> OwnerProbeBody { get; init; } = new Dictionary<string, string>();

    public override string ToString() => Label;
}

/// <summary>A row of the matrix: the cases that fill the route's ids and the truth table that says what each user gets.</summary>
internal sealed record RouteRow(string Family, Func<MatrixWorld, IReadOnlyList<Case>> Cases, Func<Case, Who, string, Expect> Expect)
{
    /// <summary>The row's allowed GETs show the object (checked with <see cref="Case.Shown"/>).</summary>
    public bool ShowsObject { get; init; }

    /// <summary>Why this route needs no antiforgery token (only for pages that change nothing and must answer anyone).</summary>
    public string? AntiforgeryExemptBecause { get; init; }

    /// <summary>Ends the session (the matrix sends it last).</summary>
    public bool EndsSession { get; init; }

    /// <summary>
    /// A page or file of the anonymous public record: what <see cref="AuthorizationMatrix.PublicToAnyone"/> lists may
    /// show to anyone, and what <see cref="AuthorizationMatrix.NeverPublic"/> lists must never show, whoever asks.
    /// </summary>
    public bool IsPublicRecord { get; init; }
}

/// <summary>
/// The authorization matrix of the portal: every route of the app (read from its endpoint data source) × every
/// parameter filling (own ids, someone else's, missing ones, mismatched parents) × every user, against a truth table
/// per route family. <see cref="Rows"/> is keyed by route pattern; a route with no row fails the coverage test.
/// </summary>
internal static class AuthorizationMatrix
{
    public const string DeniedPath = "/cuenta/acceso-denegado";

    public static readonly Who[] Users = [Who.Anonymous, Who.Admin, Who.Supervisor, Who.Contratista, Who.Contratista2, Who.Proveedor, Who.OtroSupervisor];

    /// <summary>The contractor's POST routes on one request (all with the same truth table).</summary>
    private static readonly string[] FilingActions = ["guardar", "confirmar", "anexos", "anexos/cuenta-de-cobro", "validar-cufe", "validar-pila", "registro", "enviar", "editar", "borrar"];

    public static IReadOnlyDictionary<string, RouteRow> Rows { get; } = BuildRows();

    // ---- The truth table, in words ------------------------------------------------------------------------------

    /// <summary>Anyone not signed in is sent to sign in (except on public routes, which do not use this).</summary>
    private static Expect SignedIn(Who user, Func<Expect> then) => user == Who.Anonymous ? Expect.SignIn : then();

    /// <summary>Admin pages: non-admins get the 403 page, whatever the id (nothing is looked up).</summary>
    private static Expect AdminOnly(Who user, Func<Expect> then) => SignedIn(user, () => user == Who.Admin ? then() : Expect.Denied);

    /// <summary>Contract detail: its contractor, its supervisor, or an administrator (read-only).</summary>
    private static bool ReadsContract(Who user, ContractRef contract) =>
        contract.Exists && (user == contract.Contractor || user == contract.Supervisor || user == Who.Admin);

    /// <summary>"Crear" cuenta de cobro: only the contract's contractor.</summary>
    private static bool FilesOn(Who user, ContractRef contract) => contract.Exists && user == contract.Contractor;

    /// <summary>"Cargar nuevo" documento de ejecución: contractor or supervisor (not the read-only admin).</summary>
    private static bool UploadsTo(Who user, ContractRef contract) => contract.Exists && (user == contract.Contractor || user == contract.Supervisor);

    /// <summary>
    /// A request: always the contractor who filed it (even after the contract was handed over to someone else); the
    /// contract's supervisor and administrators once it was ever sent. A draft is its filer's alone.
    /// </summary>
    private static bool ReadsRequest(Who user, RequestRef request) =>
        request.Exists && (user == request.Filer || (request.EverSent && (user == request.Contract.Supervisor || user == Who.Admin)));

    /// <summary>Edit, attach, confirm, send, delete…: the filer, while they are still the contract's contractor.</summary>
    private static bool Files(Who user, RequestRef request) => request.Exists && user == request.Filer && user == request.Contract.Contractor;

    /// <summary>The request belongs to the contract in the URL.</summary>
    private static bool Under(RequestRef request, ContractRef contract) => request.Exists && contract.Exists && request.Contract.Id == contract.Id;

    /// <summary>The review page: whoever reads the request, except its own contractor (they have their own page).</summary>
    private static bool SeesReview(Who user, RequestRef request) => ReadsRequest(user, request) && user != request.Filer;

    private static Dictionary<string, RouteRow> BuildRows()
    {
        var rows = new Dictionary<string, RouteRow>(StringComparer.Ordinal);
        void Add(string pattern, RouteRow row) => rows.Add(pattern, row);

        // Public: health probe, sign-in, the 403 page, error pages.
        Add("/health", new RouteRow("public", _ => [Case.NoId], (_, _, _) => Expect.Ok)
        {
            AntiforgeryExemptBecause = "health probe for the load balancer (not MVC); reads only",
        });
        Add("/error", new RouteRow("public", _ => [Case.NoId], (_, _, _) => Expect.Status(500))
        {
            AntiforgeryExemptBecause = "the exception handler re-executes it for any method; [IgnoreAntiforgeryToken], changes nothing",
        });
        Add("/error/{statusCode}", new RouteRow("public", _ => [StatusCase(403), StatusCase(404), StatusCase(500)], (c, _, _) => Expect.Status(int.Parse(c.Values["statusCode"], CultureInfo.InvariantCulture)))
        {
            AntiforgeryExemptBecause = "the status-code pages re-execute it for any method; [IgnoreAntiforgeryToken], changes nothing",
        });
        Add("/cuenta/iniciar-sesion", new RouteRow("public", _ => [Case.NoId, Query("?returnUrl=//evil.example/robo"), Query("?returnUrl=https%3A%2F%2Fevil.example%2F")], (_, u, m) =>
            m == "GET" ? (u == Who.Anonymous ? Expect.Ok : Expect.Redirect) : Expect.Ok));
        Add("/cuenta/acceso-denegado", new RouteRow("public", _ => [Case.NoId], (_, _, _) => Expect.Status(403)));

        // The pages the footer links (ADR 0022): anyone, signed in or not.
        foreach (var page in new[] { "/ayuda", "/contacto", "/privacidad", "/accesibilidad", "/terminos" })
        {
            Add(page, new RouteRow("public", _ => [Case.NoId], (_, _, _) => Expect.Ok));
        }

        // The public record (docs/public-record.md): anyone, signed in or not; a contract or a published execution
        // document that exists is shown to everyone, one that does not (or is under another contract) is 404.
        Add("/publico/contratos", new RouteRow("public record", _ =>
        [
            Case.NoId, Query("?q=CO1.PCCNTR.7034218&estado=en-ejecucion"), Query("?q=juan+carlos&por=contratista&despues=x"), Query("?q=891480085&estado=InExecution"),
        ], (_, _, _) => Expect.Ok) { IsPublicRecord = true });
        Add("/publico/contratos/{id}", new RouteRow("public record", w => ContractCases(w, "id"), (c, _, _) =>
            c.Contract!.Exists ? Expect.Ok : Expect.NotFound) { ShowsObject = true, IsPublicRecord = true });
        Add("/publico/contratos/{contractId}/documentos/{documentId}/descargar", new RouteRow("public record", DocumentCases, (c, _, _) =>
            c.Contract!.Exists && c.Document!.Exists && c.Document.Contract.Id == c.Contract.Id ? Expect.Ok : Expect.NotFound) { ShowsObject = true, IsPublicRecord = true });

        // The public record's open data (docs/open-data.md): anyone, signed in or not; a missing contract or entity is a 404.
        Add("/publico/contratos/{id}/plan-de-pagos.csv", new RouteRow("public record", w => ContractCases(w, "id"), (c, _, _) =>
            c.Contract!.Exists ? Expect.Ok : Expect.NotFound) { IsPublicRecord = true });
        Add("/publico/contratos/{id}/ocds.json", new RouteRow("public record", w => ContractCases(w, "id"), (c, _, _) =>
            c.Contract!.Exists ? Expect.Ok : Expect.NotFound) { IsPublicRecord = true, ShowsObject = true });
        Add("/publico/datos/plan-de-pagos.csv", new RouteRow("public record", w =>
            [Case.NoId, Query($"?nit={Uri.EscapeDataString(w.EntityNit)}"), Query($"?nit=811111110-{Id(SecopPortal.Domain.Common.NitNumber.CheckDigit("811111110"))}"), Query("?nit=no-es-un-nit")], (c, _, _) =>
            c.Query.Contains("811111110", StringComparison.Ordinal) ? Expect.NotFound
            : c.Query.Contains("no-es-un-nit", StringComparison.Ordinal) ? Expect.Status(400)
            : Expect.Ok) { IsPublicRecord = true });

        // Signed in, no id: each user's own data.
        Add("/", new RouteRow("signed in", _ => [Case.NoId], (_, u, _) => SignedIn(u, () => Expect.Redirect)));
        Add("/cuenta/cambiar-contrasena", new RouteRow("signed in", _ => [Case.NoId], (_, u, _) => SignedIn(u, () => Expect.Ok)));
        Add("/cuenta/cerrar-sesion", new RouteRow("signed in", _ => [Case.NoId], (_, _, _) => Expect.SignIn) { EndsSession = true });
        Add("/contratos", new RouteRow("signed in", _ => [Case.NoId, Query("?vista=todos"), Query("?vista=supervision"), Query("?vista=propios")], (_, u, _) =>
            SignedIn(u, () => Expect.Ok)));
        Add("/notificaciones", new RouteRow("signed in", _ => [Case.NoId], (_, u, _) => SignedIn(u, () => Expect.Ok)));
        Add("/notificaciones/marcar-todas-leidas", new RouteRow("signed in", _ => [Case.NoId], (_, u, _) => SignedIn(u, () => Expect.Redirect)));
        Add("/revision", new RouteRow("supervisor role", _ => [Case.NoId, Query("?pagina=2")], (_, u, _) =>
            SignedIn(u, () => u is Who.Supervisor or Who.OtroSupervisor ? Expect.Ok : Expect.Denied)));

        // Contracts.
        Add("/contratos/{id}", new RouteRow("contract", w => ContractCases(w, "id"), (c, u, _) =>
            SignedIn(u, () => ReadsContract(u, c.Contract!) ? Expect.Ok : Expect.NotFound)) { ShowsObject = true });
        Add("/contratos/{contractId}/pagos/crear", new RouteRow("contract: file a request", w => ContractCases(w, "contractId"), (c, u, _) =>
            SignedIn(u, () => FilesOn(u, c.Contract!) ? Expect.OkOrRedirect : Expect.NotFound)) { ShowsObject = true });
        Add("/contratos/{contractId}/documentos/nuevo", new RouteRow("contract: upload an execution document", w => ContractCases(w, "contractId"), (c, u, _) =>
            SignedIn(u, () => UploadsTo(u, c.Contract!) ? Expect.Ok : Expect.NotFound)) { ShowsObject = true });

        // Execution documents (nested under their contract).
        foreach (var suffix in new[] { string.Empty, "/descargar" })
        {
            Add($"/contratos/{{contractId}}/documentos/{{documentId}}{suffix}", new RouteRow("execution document", DocumentCases, (c, u, _) =>
                SignedIn(u, () => ReadsContract(u, c.Contract!) && c.Document!.Exists && c.Document.Contract.Id == c.Contract!.Id ? Expect.Ok : Expect.NotFound))
            {
                ShowsObject = true,
            });
        }

        // Payment requests, the contractor's side (nested under their contract).
        Add("/contratos/{contractId}/pagos/{id}", new RouteRow("request (contractor's routes)", RequestCases, (c, u, _) =>
            SignedIn(u, () => Under(c.Request!, c.Contract!) && ReadsRequest(u, c.Request!) ? Expect.Ok : Expect.NotFound)) { ShowsObject = true });
        Add("/contratos/{contractId}/pagos/{id}/cuenta-de-cobro.pdf", new RouteRow("request: cuenta de cobro (PDF)", RequestCases, (c, u, _) =>
            SignedIn(u, () => Under(c.Request!, c.Contract!) && ReadsRequest(u, c.Request!) ? Expect.Ok : Expect.NotFound)));
        Add("/contratos/{contractId}/pagos/{id}/documentos.pdf", new RouteRow("request: all documents in one PDF", RequestCases, (c, u, _) =>
            SignedIn(u, () => Under(c.Request!, c.Contract!) && ReadsRequest(u, c.Request!) ? Expect.Ok : Expect.NotFound)));
        foreach (var action in FilingActions)
        {
            Add($"/contratos/{{contractId}}/pagos/{{id}}/{action}", new RouteRow("request (contractor's routes)", RequestCases, (c, u, _) =>
                SignedIn(u, () => Under(c.Request!, c.Contract!) && Files(u, c.Request!) ? Expect.OkOrRedirect : Expect.NotFound)));
        }

        Add("/contratos/{contractId}/pagos/{id}/anexos/{attachmentId}/quitar", new RouteRow("request attachment: remove", RemoveCases, (c, u, _) =>
            SignedIn(u, () =>
                !(Under(c.Request!, c.Contract!) && Files(u, c.Request!)) ? Expect.NotFound
                : c.Attachment!.Exists && c.Attachment.Request.Id == c.Request!.Id ? Expect.OkOrRedirect
                : Expect.RefusedOnPage)));
        Add("/pagos/{requestId}/anexos/{attachmentId}/descargar", new RouteRow("request attachment: download", DownloadCases, (c, u, _) =>
            SignedIn(u, () => ReadsRequest(u, c.Request!) && c.Attachment!.Exists && c.Attachment.Request.Id == c.Request!.Id ? Expect.Ok : Expect.NotFound))
        {
            ShowsObject = true,
        });

        // Review (supervisor's side).
        Add("/revision/{id}", new RouteRow("review", ReviewCases, (c, u, _) =>
            SignedIn(u, () => SeesReview(u, c.Request!) ? Expect.Ok : Expect.NotFound)) { ShowsObject = true });
        foreach (var decision in new[] { "aprobar", "rechazar" })
        {
            Add($"/revision/{{id}}/{decision}", new RouteRow("review", ReviewCases, (c, u, _) =>
                SignedIn(u, () => !SeesReview(u, c.Request!) ? Expect.NotFound : u == c.Request!.Contract.Supervisor ? Expect.Ok : Expect.Denied)));
        }

        Add("/revision/{id}/pagado", new RouteRow("review", ReviewCases, (c, u, _) =>
            SignedIn(u, () => SeesReview(u, c.Request!) ? Expect.Ok : Expect.NotFound)));

        // Notifications.
        Add("/notificaciones/{id}", new RouteRow("notification", NotificationCases, (c, u, _) =>
            SignedIn(u, () => c.Notification!.Exists && c.Notification.Recipient == u ? Expect.Redirect : Expect.NotFound)));

        // Administration: admins only, whatever the id.
        foreach (var pattern in new[]
                 {
                     "/administracion", "/administracion/entidades", "/administracion/entidades/nueva", "/administracion/usuarios",
                     "/administracion/usuarios/nuevo", "/administracion/contratos", "/administracion/contratos/nuevo",
                 })
        {
            Add(pattern, new RouteRow("admin", _ => [Case.NoId, .. AdminListQueries(pattern)], (_, u, m) => AdminOnly(u, () => m == "GET" ? Expect.Ok : Expect.OkOrRedirect)));
        }

        // Auditoría (ADR 0020): admins only, the screen and its CSV, with filters that read and filters that do not.
        Add("/administracion/auditoria", new RouteRow("admin", _ =>
        [
            Case.NoId, Query("?tipo=SignInFailed&desde=01/01/2026&hasta=31/12/2026"), Query("?usuario=admin&despues=x"), Query("?desde=ayer&contrato=NO-EXISTE"),
        ], (_, u, _) => AdminOnly(u, () => Expect.Ok)));
        Add("/administracion/auditoria/csv", new RouteRow("admin", _ => [Case.NoId, Query("?tipo=SignedOut"), Query("?desde=ayer")], (c, u, _) =>
            AdminOnly(u, () => c.Query.Contains("ayer", StringComparison.Ordinal) ? Expect.Redirect : Expect.Ok)));
        Add("/administracion/entidades/{id}/editar", new RouteRow("admin (by id)", w =>
        [
            AdminCase("an entity", "id", w.EntityId.ToString(CultureInfo.InvariantCulture), exists: true, w.EntityNit),
            AdminCase("a missing entity", "id", Id(MatrixWorld.MissingId), exists: false, null),
        ], (c, u, m) =>

            // The one admin route that validates the posted form before looking the id up: a missing id with an
            // invalid form is the form again (200), not a 404. Admins only, nothing saved.
            m == "POST" && u == Who.Admin && c.AdminTargetExists == false ? Expect.Ok : AdminById(c, u, m)) { ShowsObject = true });
        Add("/administracion/entidades/{id}/documentos", new RouteRow("admin (by id)", w =>
        [
            AdminCase("a throwaway entity", "id", w.ThrowawayEntityId.ToString(CultureInfo.InvariantCulture), exists: true, null),
            AdminCase("a missing entity", "id", Id(MatrixWorld.MissingId), exists: false, null),
        ], AdminById));
        Add("/administracion/contratos/{id}/editar", new RouteRow("admin (by id)", AdminContractCases, AdminById) { ShowsObject = true });
        Add("/administracion/contratos/{id}/estado", new RouteRow("admin (by id)", AdminContractCases, AdminById));
        foreach (var suffix in new[] { "editar", "desactivar", "reactivar", "desbloquear" })
        {
            Add($"/administracion/usuarios/{{id}}/{suffix}", new RouteRow("admin (by id)", w =>
            [
                AdminCase("a throwaway user", "id", w.ThrowawayUserId.ToString(), exists: true, w.ThrowawayUserEmail),
                AdminCase("a missing user", "id", MatrixWorld.MissingUserId.ToString(), exists: false, null),
            ], AdminById) { ShowsObject = true });
        }

        // Días festivos (docs/product.md §4.1): admins only. A POST with no fields is the form again with its messages.
        Add("/administracion/festivos", new RouteRow("admin", _ => [Case.NoId, Query("?anio=2027"), Query("?anio=no-es-un-anio")], (_, u, _) =>
            AdminOnly(u, () => Expect.Ok)));
        Add("/administracion/festivos/agregar", new RouteRow("admin", _ => [Case.NoId], (_, u, _) => AdminOnly(u, () => Expect.Ok)));
        Add("/administracion/festivos/retirar", new RouteRow("admin", w =>
        [
            Query($"?fecha={w.HolidayChangeDate.Year}-12-25"), Query($"?fecha={w.HolidayChangeDate:yyyy-MM-dd}"), Query("?fecha=no-es-una-fecha"),
        ], (c, u, m) =>

            // GET: the confirmation of a holiday of the laws (Navidad); an added holiday or no date is not one (404).
            AdminOnly(u, () => m == "POST" || c.Query.EndsWith("-12-25", StringComparison.Ordinal) ? Expect.Ok : Expect.NotFound)));
        Add("/administracion/festivos/cambios/{id}/deshacer", new RouteRow("admin (by id)", w =>
        [
            AdminCase("a holiday change", "id", Id(w.HolidayChangeId), exists: true, w.HolidayChangeName),
            AdminCase("a missing holiday change", "id", Id(MatrixWorld.MissingId), exists: false, null),
        ], AdminById) { ShowsObject = true });

        return rows;
    }

    /// <summary>The admin lists' searches and filters, probed like their bare pages (admins only, whatever the term).</summary>
    private static IEnumerable<Case> AdminListQueries(string pattern) => pattern switch
    {
        "/administracion/entidades" => [Query("?buscar=900"), Query("?buscar=alcaldia&despues=x")],
        "/administracion/usuarios" => [Query("?buscar=maria&rol=Contratista"), Query("?buscar=1020&por=documento&antes=x")],
        "/administracion/contratos" => [Query("?buscar=CO1.PCCNTR"), Query("?buscar=891480085&estado=InExecution"), Query("?entidad=1&despues=x")],
        _ => [],
    };

    private static Expect AdminById(Case c, Who u, string method) =>
        AdminOnly(u, () => c.AdminTargetExists == true ? (method == "GET" ? Expect.Ok : Expect.OkOrRedirect) : Expect.NotFound);

    // ---- Parameter fillings -----------------------------------------------------------------------------------

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static Case Query(string query) => Case.NoId with { Label = query, Query = query };

    private static Case StatusCase(int code) => new($"status {Id(code)}", new Dictionary<string, string> { ["statusCode"] = Id(code) });

    private static Case AdminCase(string label, string parameter, string value, bool exists, string? shown) =>
        new(label, new Dictionary<string, string> { [parameter] = value })
        {
            AdminTargetExists = exists,
            HasMissingId = !exists,
            Secrets = shown is null ? [] : [shown],
            Shown = shown,
        };

    private static IReadOnlyList<Case> AdminContractCases(MatrixWorld w) =>
    [
        AdminCase("contract A", "id", Id(w.ContractA.Id), exists: true, w.ContractA.Number),
        AdminCase("a missing contract", "id", Id(MatrixWorld.MissingId), exists: false, null),
    ];

    private static Case ContractCase(string label, ContractRef contract, string parameter) =>
        new(label, new Dictionary<string, string> { [parameter] = Id(contract.Id) })
        {
            Contract = contract,
            HasMissingId = !contract.Exists,
            Secrets = contract.Exists ? [contract.Number] : [],
            Shown = contract.Number,
        };

    private static IReadOnlyList<Case> ContractCases(MatrixWorld w, string parameter) =>
    [
        ContractCase("contract A (contratista's)", w.ContractA, parameter),
        ContractCase("contract 2 (contratista2's)", w.Contract2, parameter),
        ContractCase("demo supply contract (proveedor's)", w.DemoSupply, parameter),
        ContractCase("contract D (handed over from contratista to contratista2)", w.ContractD, parameter),
        ContractCase("missing contract", w.MissingContract, parameter),
    ];

    private static IReadOnlyList<Case> DocumentCases(MatrixWorld w)
    {
        Case Of(string label, ContractRef contract, DocumentRef document) =>
            new(label, new Dictionary<string, string> { ["contractId"] = Id(contract.Id), ["documentId"] = Id(document.Id) })
            {
                Contract = contract,
                Document = document,
                HasMissingId = !contract.Exists || !document.Exists,
                IsMismatch = contract.Exists && document.Exists && document.Contract.Id != contract.Id,
                Secrets = document.Exists ? [document.ContentText, "%PDF"] : [],
                ChildSecrets = document.Exists ? [document.ContentText, "%PDF"] : [],
                Shown = document.ContentText,
            };

        return
        [
            Of("document A under contract A", w.ContractA, w.DocumentA),
            Of("document B under contract B", w.ContractB, w.DocumentB),
            Of("document A under contract B (same contractor)", w.ContractB, w.DocumentA),
            Of("document A under contract 2 (contratista2's)", w.Contract2, w.DocumentA),
            Of("missing document under contract A", w.ContractA, w.MissingDocument),
            Of("document A under a missing contract", w.MissingContract, w.DocumentA),
        ];
    }

    /// <summary>The real version and fields of the request: what a POST that is wrongly let through would need to act.</summary>
    private static Dictionary<string, string> AttackBody(MatrixWorld w, RequestRef? request)
    {
        var body = new Dictionary<string, string>
        {
            ["confirmed"] = "true",
            [SecopPortal.Web.Features.PaymentRequests.FilingPost.DraftIncludedField] = "true",
            ["Input.Notes"] = "intruso de la matriz de autorización",
            ["Reject.Reason"] = "Rechazo enviado por la matriz de autorización.",
            ["Approve.RpNumber"] = "RP-2026-0457",
            ["Paid.PaidOn"] = w.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (request is { Exists: true })
        {
            var stamp = request.Stamp.ToString();
            body["ConcurrencyStamp"] = stamp;
            body["Reject.ConcurrencyStamp"] = stamp;
            body["Approve.ConcurrencyStamp"] = stamp;
            body["Paid.ConcurrencyStamp"] = stamp;
            body["Approve.ReceivedOn"] = (request.ReceivedOn ?? w.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return body;
    }

    private static string[] RequestSecrets(RequestRef request) =>
        request.Exists ? [request.Secret, request.Contract.Number] : [];

    private static IReadOnlyList<Case> RequestCases(MatrixWorld w)
    {
        Case Of(string label, ContractRef contract, RequestRef request) =>
            new(label, new Dictionary<string, string> { ["contractId"] = Id(contract.Id), ["id"] = Id(request.Id) })
            {
                Contract = contract,
                Request = request,
                HasMissingId = !contract.Exists || !request.Exists,
                IsMismatch = contract.Exists && request.Exists && request.Contract.Id != contract.Id,
                Secrets = RequestSecrets(request),
                ChildSecrets = RequestSecrets(request),
                Shown = request.Secret,
                AttackBody = AttackBody(w, request),
            };

        return
        [
            Of("draft (never sent) of contract A", w.ContractA, w.Draft),
            Of("sent request of contract A", w.ContractA, w.Sent),
            Of("approved request of contract A", w.ContractA, w.Approved),
            Of("demo paid request", w.DemoRunning, w.DemoPaid),
            Of("contratista2's sent request", w.Contract2, w.Sent2),
            Of("contratista's sent request on contract D (handed over to contratista2)", w.ContractD, w.SentD),
            Of("contratista's draft left on contract D (handed over to contratista2)", w.ContractD, w.DraftD),
            Of("sent request of A under contract B (same contractor)", w.ContractB, w.Sent),
            Of("sent request of A under contract 2 (contratista2's)", w.Contract2, w.Sent),
            Of("missing request under contract A", w.ContractA, w.MissingRequest),
            Of("sent request of A under a missing contract", w.MissingContract, w.Sent),
        ];
    }

    private static string[] AttachmentSecrets(AttachmentRef attachment) =>
        attachment.Exists ? [attachment.FileName, attachment.ContentText, "%PDF"] : [];

    private static IReadOnlyList<Case> RemoveCases(MatrixWorld w)
    {
        Case Of(string label, ContractRef contract, RequestRef request, AttachmentRef attachment) =>
            new(label, new Dictionary<string, string> { ["contractId"] = Id(contract.Id), ["id"] = Id(request.Id), ["attachmentId"] = Id(attachment.Id) })
            {
                Contract = contract,
                Request = request,
                Attachment = attachment,
                HasMissingId = !attachment.Exists,
                IsMismatch = request.Contract.Id != contract.Id || (attachment.Exists && attachment.Request.Id != request.Id),
                Secrets = [.. RequestSecrets(request), .. AttachmentSecrets(attachment)],
                ChildSecrets = AttachmentSecrets(attachment),
                AttackBody = AttackBody(w, request),
                OwnerProbeBody = new Dictionary<string, string> { ["ConcurrencyStamp"] = request.Stamp.ToString() },
            };

        return
        [
            Of("draft's own attachment", w.ContractA, w.Draft, w.DraftAttachment),
            Of("sent request's own attachment", w.ContractA, w.Sent, w.SentAttachment),
            Of("contratista2's request and attachment", w.Contract2, w.Sent2, w.Sent2Attachment),
            Of("attachment of the sent request under the draft (same contractor)", w.ContractA, w.Draft, w.SentAttachment),
            Of("contratista's draft attachment under contratista2's request", w.Contract2, w.Sent2, w.DraftAttachment),
            Of("draft under contract B (same contractor)", w.ContractB, w.Draft, w.DraftAttachment),
            Of("missing attachment under the draft", w.ContractA, w.Draft, w.MissingAttachment),
        ];
    }

    private static IReadOnlyList<Case> DownloadCases(MatrixWorld w)
    {
        Case Of(string label, RequestRef request, AttachmentRef attachment) =>
            new(label, new Dictionary<string, string> { ["requestId"] = Id(request.Id), ["attachmentId"] = Id(attachment.Id) })
            {
                Request = request,
                Attachment = attachment,
                HasMissingId = !request.Exists || !attachment.Exists,
                IsMismatch = request.Exists && attachment.Exists && attachment.Request.Id != request.Id,
                Secrets = AttachmentSecrets(attachment),
                ChildSecrets = AttachmentSecrets(attachment),
                Shown = attachment.ContentText,
            };

        return
        [
            Of("sent request's attachment", w.Sent, w.SentAttachment),
            Of("draft's attachment", w.Draft, w.DraftAttachment),
            Of("demo paid request's attachment", w.DemoPaid, w.DemoPaidAttachment),
            Of("contratista2's attachment", w.Sent2, w.Sent2Attachment),
            Of("attachment of contratista's draft left on contract D", w.DraftD, w.DraftDAttachment),
            Of("draft's attachment under the sent request", w.Sent, w.DraftAttachment),
            Of("sent request's attachment under the draft", w.Draft, w.SentAttachment),
            Of("contratista's attachment under contratista2's request", w.Sent2, w.SentAttachment),
            Of("missing attachment of the sent request", w.Sent, w.MissingAttachment),
            Of("sent request's attachment under a missing request", w.MissingRequest, w.SentAttachment),
        ];
    }

    private static IReadOnlyList<Case> ReviewCases(MatrixWorld w)
    {
        Case Of(string label, RequestRef request) =>
            new(label, new Dictionary<string, string> { ["id"] = Id(request.Id) })
            {
                Request = request,
                HasMissingId = !request.Exists,
                Secrets = RequestSecrets(request),
                ChildSecrets = RequestSecrets(request),
                Shown = request.Secret,
                AttackBody = AttackBody(w, request),
            };

        return
        [
            Of("sent request of contract A", w.Sent),
            Of("approved request of contract A", w.Approved),
            Of("draft (never sent) of contract A", w.Draft),
            Of("demo paid request", w.DemoPaid),
            Of("contratista2's sent request", w.Sent2),
            Of("contratista's sent request on contract D (handed over)", w.SentD),
            Of("contratista's draft left on contract D (handed over)", w.DraftD),
            Of("missing request", w.MissingRequest),
        ];
    }

    private static List<Case> NotificationCases(MatrixWorld w) =>
        w.Notifications.Values.Append(w.MissingNotification).Select(n =>
            new Case(n.Exists ? $"{n.Recipient}'s notification" : "missing notification", new Dictionary<string, string> { ["id"] = Id(n.Id) })
            {
                Notification = n,
                HasMissingId = !n.Exists,
                Secrets = n.Exists ? [n.Title] : [],
            }).ToList();

    // ---- What a user may never see, on any page ----------------------------------------------------------------------

    /// <summary>
    /// The distinctive strings of every seeded object <paramref name="user"/> may not read: none may appear in any
    /// answer to them, whatever the route (lists, the contract's Plan de pagos, the inbox, the bell, error pages…).
    /// </summary>
    public static IReadOnlyList<string> NeverShownTo(MatrixWorld world, Who user)
    {
        ArgumentNullException.ThrowIfNull(world);
        var never = new List<string>();

        // A contract's number shows on the pages of its requests too: hidden only from who reads neither.
        never.AddRange(world.SeededContracts
            .Where(c => !ReadsContract(user, c) && !world.SeededRequests.Any(r => r.Contract.Id == c.Id && ReadsRequest(user, r)))
            .Select(c => c.Number));
        foreach (var request in world.SeededRequests.Where(r => r != world.DemoPaid && !ReadsRequest(user, r)))
        {
            // The contract's Plan de pagos lists every request sent at least once to whoever reads the contract (its
            // history, and its balance); a draft only to the contractor who filed it. Its documents, only to its readers.
            if (!(request.EverSent && ReadsContract(user, request.Contract)))
            {
                never.Add(request.Secret);
            }

            never.Add(request.AttachmentMarker);
        }

        never.AddRange(new[] { world.DocumentA, world.DocumentB }.Where(d => !ReadsContract(user, d.Contract)).Select(d => d.ContentText));
        never.AddRange(world.Notifications.Values.Where(n => n.Recipient != user).Select(n => n.Title));
        return never;
    }

    /// <summary>
    /// What the public record shows anyone (docs/public-record.md): every contract's number, the invoice numbers of
    /// the requests sent to the entity, the published execution documents. Drafts, attachments and notifications stay
    /// in <see cref="NeverShownTo"/> on the public pages too.
    /// </summary>
    public static IReadOnlyList<string> PublicToAnyone(MatrixWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        return
        [
            .. world.SeededContracts.Select(c => c.Number),
            .. world.SeededRequests.Where(r => r.EverSent).Select(r => r.Secret),
            .. new[] { world.DocumentA, world.DocumentB }.Select(d => d.ContentText),
        ];
    }

    /// <summary>
    /// What the public record may never show, to anyone: requests never sent (drafts), every attachment's file name
    /// and contents, notifications, and every account's e-mail address. Execution documents are public (their
    /// description, which the seeded ones share their content marker with, and their download).
    /// </summary>
    public static IReadOnlyList<string> NeverPublic(MatrixWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        return
        [
            .. world.SeededRequests.Where(r => !r.EverSent).Select(r => r.Secret),
            // The demo request's marker is only "%PDF" (its files are not distinctive), which a public execution
            // document also begins with: the seeded requests' own markers are what no public answer may carry.
            .. world.SeededRequests.Select(r => r.AttachmentMarker).Where(m => m.StartsWith("MTZ-", StringComparison.Ordinal)),
            .. world.Notifications.Values.Select(n => n.Title),
            .. world.Accounts.Values.Select(a => a.Email),
        ];
    }

    // ---- Coverage -------------------------------------------------------------------------------------------------

    /// <summary>Routes of the app with no row, rows with no route, and fillings that do not fit their route.</summary>
    public static List<string> CoverageProblems(IReadOnlyList<AppRoute> routes, MatrixWorld world)
    {
        var problems = new List<string>();
        foreach (var route in routes.Where(r => !Rows.ContainsKey(r.Pattern)))
        {
            problems.Add(
                $"{route} ({route.DisplayName}) has no row in {nameof(AuthorizationMatrix)}.{nameof(Rows)}"
                + (route.Parameters.Count > 0
                    ? $": add one that fills {string.Join(", ", route.Parameters.Select(p => "{" + p + "}"))} with the owner's ids, someone else's, ids that do not exist"
                      + (route.Parameters.Count > 1 ? " and mismatched parents" : string.Empty)
                      + ", and says what each user gets."
                    : ": add one that says what each user gets."));
        }

        foreach (var pattern in Rows.Keys.Where(p => routes.All(r => r.Pattern != p)))
        {
            problems.Add($"Row {pattern} matches no route of the app any more: remove it or fix its pattern.");
        }

        foreach (var group in routes.Where(r => Rows.ContainsKey(r.Pattern)).GroupBy(r => r.Pattern))
        {
            var parameters = group.First().Parameters;
            var row = Rows[group.Key];
            var cases = row.Cases(world);
            foreach (var c in cases)
            {
                var missing = parameters.Except(c.Values.Keys).ToList();
                var extra = c.Values.Keys.Except(parameters).ToList();
                if (missing.Count > 0 || extra.Count > 0)
                {
                    problems.Add($"Row {group.Key}, case «{c.Label}»: fills [{string.Join(", ", c.Values.Keys)}] but the route has [{string.Join(", ", parameters)}].");
                }
            }

            if (parameters.Count > 0 && group.Key != "/error/{statusCode}" && !cases.Any(c => c.HasMissingId))
            {
                problems.Add($"Row {group.Key}: no case with an id that does not exist.");
            }

            if (parameters.Count > 1 && !cases.Any(c => c.IsMismatch))
            {
                problems.Add($"Row {group.Key}: nested ids but no case with mismatched parents.");
            }
        }

        return problems;
    }

    // ---- The sweep --------------------------------------------------------------------------------------------------

    public static string Fill(string pattern, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(values);
        var url = pattern;
        foreach (var (name, value) in values)
        {
            url = url.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        return url;
    }

    /// <summary>What to send: GETs, POSTs with the session's antiforgery token, POSTs without any token.</summary>
    [Flags]
    public enum Sweep
    {
        Gets = 1,
        PostsWithToken = 2,
        PostsWithoutToken = 4,
    }

    /// <summary>
    /// Sends every (route × method × case) as every user, each user on a session of their own (users run in
    /// parallel, each one's requests in order; the sign-out comes last). Collects every mismatch, not just the first.
    /// </summary>
    public static async Task<MatrixResult> RunAsync(PortalFactory factory, MatrixWorld world, IReadOnlyList<AppRoute> routes, Sweep sweep)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(world);
        var result = new MatrixResult();
        var work = routes.Where(r => Rows.ContainsKey(r.Pattern)).ToList();
        await Task.WhenAll(Users.Select(user => RunUserAsync(factory, world, work, sweep, user, result)));
        return result;
    }

    private static async Task RunUserAsync(PortalFactory factory, MatrixWorld world, List<AppRoute> routes, Sweep sweep, Who user, MatrixResult result)
    {
        using var client = factory.CreateClient();
        string token;
        if (user == Who.Anonymous)
        {
            token = await PortalHttp.GetAntiforgeryTokenAsync(client, PortalHttp.LoginPath);
        }
        else
        {
            await PortalHttp.SignInAsync(client, world.Accounts[user]);
            token = await PortalHttp.GetAntiforgeryTokenAsync(client, "/cuenta/cambiar-contrasena");
        }

        var never = NeverShownTo(world, user);
        var neverOnPublicPages = never.Except(PublicToAnyone(world)).Union(NeverPublic(world)).ToList();

        // The sign-out last: the session must live through everything else.
        foreach (var route in routes.OrderBy(r => Rows[r.Pattern].EndsSession))
        {
            var row = Rows[route.Pattern];
            foreach (var c in row.Cases(world))
            {
                var url = Fill(route.Pattern, c.Values) + c.Query;
                var expected = row.Expect(c, user, route.Method);
                if (route.Method == "GET")
                {
                    if (sweep.HasFlag(Sweep.Gets))
                    {
                        var answer = await SendAsync(client, HttpMethod.Get, url, null, null);
                        result.Record(route, c, user, url, expected, answer, row, row.IsPublicRecord ? neverOnPublicPages : never, checkShown: true);
                    }

                    continue;
                }

                var body = expected.Body switch
                {
                    BodyKind.Attack => c.AttackBody,
                    BodyKind.OwnerProbe => c.OwnerProbeBody,
                    _ => new Dictionary<string, string>(),
                };
                if (sweep.HasFlag(Sweep.PostsWithoutToken) && row.AntiforgeryExemptBecause is null)
                {
                    // First without the token (it must change nothing, so the sign-out still leaves the session alive).
                    var answer = await SendAsync(client, HttpMethod.Post, url, body, token: null);
                    result.Record(route with { Method = route.Method + " (no token)" }, c, user, url, expected.WithoutToken(), answer, row, never, checkShown: false);
                }

                if (sweep.HasFlag(Sweep.PostsWithToken))
                {
                    var answer = await SendAsync(client, HttpMethod.Post, url, body, token);
                    result.Record(route, c, user, url, expected, answer, row, never, checkShown: false);
                }
            }
        }
    }

    private static async Task<Answer> SendAsync(HttpClient client, HttpMethod method, string url, IReadOnlyDictionary<string, string>? fields, string? token)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (method == HttpMethod.Post)
        {
            var all = (fields ?? new Dictionary<string, string>()).ToList();
            if (token is not null)
            {
                all.Add(new KeyValuePair<string, string>(PortalHttp.AntiforgeryFieldName, token));
            }

            request.Content = new FormUrlEncodedContent(all);
        }

        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new Answer((int)response.StatusCode, response.Headers.Location?.OriginalString, Encoding.UTF8.GetString(bytes));
    }
}

/// <summary>Everything the sweep saw: the request count, every mismatch, and the observed outcomes per route and user.</summary>
internal sealed class MatrixResult
{
    private readonly ConcurrentBag<string> _failures = [];
    private readonly ConcurrentDictionary<(string Route, Who User), ConcurrentDictionary<string, byte>> _observed = new();
    private readonly ConcurrentDictionary<string, int> _perFamily = new(StringComparer.Ordinal);
    private int _requests;

    public int Requests => _requests;

    public IReadOnlyList<string> Failures => _failures.Order(StringComparer.Ordinal).ToList();

    public IReadOnlyDictionary<string, int> PerFamily => _perFamily;

    public void Record(AppRoute route, Case c, Who user, string url, Expect expected, Answer answer, RouteRow row, IReadOnlyList<string> neverShown, bool checkShown)
    {
        Interlocked.Increment(ref _requests);
        _perFamily.AddOrUpdate(row.Family, 1, (_, n) => n + 1);
        _observed.GetOrAdd((route.ToString(), user), _ => new ConcurrentDictionary<string, byte>())[answer.Short] = 0;

        var problems = new List<string>();
        if (!expected.Accepts(answer))
        {
            problems.Add($"expected {expected}, got {answer}");
        }

        var hidden = expected.Hides switch
        {
            Hide.AllSecrets => c.Secrets,
            Hide.ChildSecrets => c.ChildSecrets,
            _ => [],
        };
        var leaked = hidden.Where(answer.Shows).ToList();
        if (leaked.Count > 0)
        {
            problems.Add($"the body shows the object's data: {string.Join(", ", leaked.Select(s => $"«{s}»"))} (…{answer.Around(leaked[0])}…)");
        }

        var foreign = neverShown.Except(leaked).Where(answer.Shows).ToList();
        if (foreign.Count > 0)
        {
            problems.Add($"the body shows data of objects this user may not read: {string.Join(", ", foreign.Select(s => $"«{s}»"))} (…{answer.Around(foreign[0])}…)");
        }

        if (!answer.RedirectsLocally)
        {
            problems.Add($"redirects off the portal: {answer.Location}");
        }

        if (checkShown && row.ShowsObject && expected == Expect.Ok && answer.Status == 200 && c.Shown is { } shown && !answer.Shows(shown))
        {
            problems.Add($"allowed, but the page does not show «{shown}» (the secrets checked elsewhere would prove nothing)");
        }

        if (problems.Count > 0)
        {
            _failures.Add($"{route.Method} {url}  [{route.Pattern}; {c.Label}]  as {user}: {string.Join("; ", problems)}");
        }
    }

    /// <summary>The observed matrix, one line per route and method: each user's distinct outcomes.</summary>
    public string Table()
    {
        var builder = new StringBuilder();
        var users = AuthorizationMatrix.Users;
        builder.AppendLine(CultureInfo.InvariantCulture, $"{"route",-72} {string.Join(" ", users.Select(u => $"{Abbreviation(u),-14}"))}");
        foreach (var route in _observed.Keys.Select(k => k.Route).Distinct().Order(StringComparer.Ordinal))
        {
            var cells = users.Select(u => _observed.TryGetValue((route, u), out var seen) ? string.Join(",", seen.Keys.Order(StringComparer.Ordinal)) : "-");
            builder.AppendLine(CultureInfo.InvariantCulture, $"{route,-72} {string.Join(" ", cells.Select(c => $"{c,-14}"))}");
        }

        return builder.ToString();
    }

    private static string Abbreviation(Who who) => who switch
    {
        Who.Anonymous => "anónimo",
        Who.OtroSupervisor => "otro-superv.",
        _ => who.ToString().ToLowerInvariant(),
    };
}
