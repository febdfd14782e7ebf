using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Features.PortalInfo;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.PortalInfo;

/// <summary>
/// The government chrome (ADR 0022): the GOV.CO bar and the operator's footer on every layout, and the five pages the
/// footer links (Ayuda, Contacto, the personal-data policy, the accessibility statement, the terms), anonymous and
/// cacheable, with the content a citizen looks for there.
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class PortalInfoPagesTests(SqlitePortalFixture fixture)
{
    /// <summary>Each footer link: its text and where it goes.</summary>
    public static readonly (string Text, string Path)[] FooterLinks =
    [
        ("Ayuda", "/ayuda"),
        ("Contacto", "/contacto"),
        ("Política de tratamiento de datos personales", "/privacidad"),
        ("Declaración de accesibilidad", "/accesibilidad"),
        ("Términos y condiciones", "/terminos"),
    ];

    public static TheoryData<string, string> Pages => new()
    {
        { "/ayuda", "Ayuda" },
        { "/contacto", "Contacto" },
        { "/privacidad", "Política de tratamiento de datos personales" },
        { "/accesibilidad", "Declaración de accesibilidad" },
        { "/terminos", "Términos y condiciones" },
    };

    private PortalFactory Factory => fixture.Factory;

    private static PortalOperatorOptions Defaults { get; } = new();

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anyone_reads_the_page_in_the_public_layout_cacheable_and_without_a_cookie(string path, string title)
    {
        using var response = await PortalHttp.ClientOf(Factory).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(HttpCaching.PublicMaxAge, response.Headers.CacheControl.MaxAge);
        Assert.Contains("Cookie", response.Headers.Vary);
        Assert.False(response.Headers.Contains("Set-Cookie"), string.Join(" | ", response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []));
        var page = await PortalHttp.ParseAsync(response);
        Assert.Equal(title, page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal($"{title} · SecopPortal", page.Title);
        Assert.NotNull(page.QuerySelector("header.topbar--public a[href='/cuenta/iniciar-sesion']"));
        Assert.Null(page.QuerySelector("form[action='/cuenta/cerrar-sesion']"));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_signed_in_user_reads_the_page_with_their_menu_and_no_shared_cache_keeps_it(string path, string title)
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Contractor);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Never in a shared cache: the page carries the user's menu and the logout form's antiforgery token (which makes
        // ASP.NET Core answer no-store).
        Assert.False(response.Headers.CacheControl!.Public);
        Assert.True(response.Headers.CacheControl.Private || response.Headers.CacheControl.NoStore, response.Headers.CacheControl.ToString());
        var page = await PortalHttp.ParseAsync(response);
        Assert.Equal(title, page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("header.topbar form[action='/cuenta/cerrar-sesion']"));
        Assert.Null(page.QuerySelector("header.topbar--public"));
    }

    [Theory]
    [InlineData(null, "/cuenta/iniciar-sesion")]
    [InlineData(null, "/publico/contratos")]
    [InlineData(null, "/error/404")]
    [InlineData(DemoAccounts.ContractorEmail, "/contratos")]
    [InlineData(DemoAccounts.SupervisorEmail, "/revision")]
    [InlineData(DemoAccounts.AdminEmail, "/administracion")]
    public async Task Every_layout_has_the_GOV_CO_bar_and_the_footer_with_the_operator_and_its_five_links(string? email, string path)
    {
        var client = email is null ? PortalHttp.ClientOf(Factory) : await Factory.SignedInAsync(DemoAccounts.WithEmail(email));
        using var response = await client.GetAsync(path);
        var page = await PortalHttp.ParseAsync(response);

        // The GOV.CO bar comes before the portal's own header and links to the state's portal by an accessible name.
        var govco = page.QuerySelector("nav.govco-bar a")!;
        Assert.Equal("https://www.gov.co", govco.GetAttribute("href"));
        Assert.Equal("GOV.CO", govco.TextContent.Trim());
        Assert.StartsWith("GOV.CO", govco.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.True(page.QuerySelector("nav.govco-bar")!.CompareDocumentPosition(page.QuerySelector("header.topbar")!).HasFlag(DocumentPositions.Following));

        var footer = page.QuerySelector("footer")!;
        var text = Normalized(footer.TextContent);
        Assert.Contains(Defaults.Name, text, StringComparison.Ordinal);
        Assert.Contains($"NIT {Defaults.Nit}", text, StringComparison.Ordinal);
        Assert.Contains(Defaults.Address, text, StringComparison.Ordinal);
        Assert.Contains(Defaults.Hours, text, StringComparison.Ordinal);
        Assert.NotNull(footer.QuerySelector($"a[href='mailto:{Defaults.Email}']"));
        Assert.NotNull(footer.QuerySelector("a[href='tel:6017452778']"));
        var links = footer.QuerySelectorAll("nav a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href")!)).ToArray();
        Assert.Equal(FooterLinks, links);
    }

    [Fact]
    public async Task Ayuda_explains_filing_every_state_of_a_request_the_documents_and_where_to_get_help()
    {
        var page = await AnonymousPageAsync("/ayuda");
        var text = Normalized(page.QuerySelector("main")!.TextContent);

        Assert.Equal(Enum.GetValues<PaymentRequestStatus>().Select(s => s.ToLabel()), page.QuerySelectorAll("dl.info-states dt").Select(dt => dt.TextContent.Trim()));
        foreach (var step in new[] { "«Mis procesos»", "«Mis contratos»", "«Detalle»", "«7 Ejecución del contrato»", "«Crear»", "«Anexar»", "«Confirmar»", "«Enviar»", "«Editar»", "«Registro»" })
        {
            Assert.Contains(step, text, StringComparison.Ordinal);
        }

        foreach (var document in new[] { "informe de actividades", "planilla de pago de seguridad social", "certificado de ARL", "certificación bancaria", "RUT", "EVIDENCIAS_MARZO_2026.zip" })
        {
            Assert.Contains(document, text, StringComparison.Ordinal);
        }

        Assert.Contains("de hasta 25 MB cada uno y 100 MB en total", text, StringComparison.Ordinal);
        Assert.Contains("Preguntas frecuentes", page.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()));
        Assert.True(page.QuerySelectorAll("section[aria-labelledby='preguntas'] h3").Length >= 5);
        Assert.NotNull(page.QuerySelector($"main a[href='mailto:{Defaults.Email}']"));
        Assert.NotNull(page.QuerySelector("main a[href='/contacto']"));
        Assert.NotNull(page.QuerySelector("main a[href='/accesibilidad']"));
    }

    [Fact]
    public async Task Contacto_lists_the_operators_channels_from_configuration()
    {
        await using var configured = Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Portal:Operador:Name", "Alcaldía de Prueba");
            builder.UseSetting("Portal:Operador:Nit", "890.000.001-1");
            builder.UseSetting("Portal:Operador:Phone", "(604) 123 4567");
            builder.UseSetting("Portal:Operador:NationalPhone", string.Empty);
            builder.UseSetting("Portal:Operador:Email", "contacto@alcaldia.test");
            builder.UseSetting("Portal:Operador:Hours", "Lunes a jueves de 7:00 a. m. a 4:00 p. m.");
            builder.UseSetting("Portal:Operador:Web", "https://www.alcaldia.test/");
        });

        var page = await PortalHttp.GetPageAsync(PortalHttp.ClientOf(configured), "/contacto");

        var channels = Normalized(page.QuerySelector("dl.info-channels")!.TextContent);
        Assert.Contains("Lunes a jueves de 7:00 a. m. a 4:00 p. m.", channels, StringComparison.Ordinal);
        Assert.DoesNotContain("Línea gratuita nacional", channels, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("dl.info-channels a[href='tel:6041234567']"));
        Assert.NotNull(page.QuerySelector("dl.info-channels a[href='mailto:contacto@alcaldia.test']"));
        Assert.Equal("www.alcaldia.test", page.QuerySelector("dl.info-channels a[href='https://www.alcaldia.test/']")!.TextContent.Trim());
        Assert.Contains("Alcaldía de Prueba (NIT 890.000.001-1)", Normalized(page.QuerySelector("main")!.TextContent), StringComparison.Ordinal);
        var footer = Normalized(page.QuerySelector("footer")!.TextContent);
        Assert.Contains("Alcaldía de Prueba", footer, StringComparison.Ordinal);
        Assert.DoesNotContain(Defaults.Name, footer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_privacy_policy_names_the_law_the_responsable_the_rights_the_terms_and_the_documents_held()
    {
        var page = await AnonymousPageAsync("/privacidad");
        var text = Normalized(page.QuerySelector("main")!.TextContent);

        foreach (var expected in new[]
                 {
                     "Ley Estatutaria 1581 de 2012", "Decreto 1377 de 2013", "Decreto Único Reglamentario 1074 de 2015",
                     $"{Defaults.Name}, NIT {Defaults.Nit}",
                     "conocer, actualizar y rectificar", "revocar la autorización", "Superintendencia de Industria y Comercio (SIC)",
                     "máximo de 10 días hábiles", "5 días hábiles más", "máximo de 15 días hábiles", "8 días hábiles más",
                     "el RUT", "la certificación bancaria", "la planilla de pago de seguridad social", "dirección IP",
                 })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.NotNull(page.QuerySelector($"section[aria-labelledby='responsable'] a[href='mailto:{Defaults.Email}']"));
    }

    [Fact]
    public async Task The_accessibility_statement_names_the_target_how_it_is_tested_its_limits_and_how_to_report_a_barrier()
    {
        var page = await AnonymousPageAsync("/accesibilidad");
        var text = Normalized(page.QuerySelector("main")!.TextContent);

        foreach (var expected in new[]
                 {
                     "WCAG) 2.1", "nivel AA", "Resolución 1519 de 2020", "NTC 5854", "parcialmente conforme",
                     "axe-core", "1280, 390 y 320 píxeles", "solo con teclado", "Limitaciones conocidas", "30 minutos",
                 })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        var report = page.QuerySelector("section[aria-labelledby='reportar']")!;
        Assert.NotNull(report.QuerySelector($"a[href='mailto:{Defaults.Email}']"));
        Assert.NotNull(report.QuerySelector("a[href='tel:6017452778']"));
    }

    [Fact]
    public async Task The_terms_say_who_decides_the_users_duties_and_link_the_privacy_policy()
    {
        var page = await AnonymousPageAsync("/terminos");
        var text = Normalized(page.QuerySelector("main")!.TextContent);

        foreach (var expected in new[] { "personal e intransferible", "Ley 527 de 1999", "Ley 1712 de 2014", "AGPL-3.0", "República de Colombia", "El portal registra las decisiones, pero no las toma" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.NotNull(page.QuerySelector("main a[href='/privacidad']"));
    }

    [Fact]
    public void The_operator_settings_bind_from_configuration_and_an_unusable_one_is_refused()
    {
        static PortalOperatorOptions Bind(Dictionary<string, string?> values)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
            var services = new ServiceCollection().AddPortalInfo(configuration).BuildServiceProvider();
            return services.GetRequiredService<IOptions<PortalOperatorOptions>>().Value;
        }

        var bound = Bind(new() { ["Portal:Operador:Email"] = "datos@entidad.test", ["Portal:Operador:City"] = "Medellín, Colombia" });
        Assert.Equal("datos@entidad.test", bound.Email);
        Assert.Equal("Medellín, Colombia", bound.City);
        Assert.Equal(Defaults.Nit, bound.Nit);

        var noEmail = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Portal:Operador:Email"] = "" }));
        Assert.Contains("Portal:Operador:Email is required", noEmail.Message, StringComparison.Ordinal);
        var badWeb = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Portal:Operador:Web"] = "javascript:alert(1)" }));
        Assert.Contains("Portal:Operador:Web", badWeb.Message, StringComparison.Ordinal);
    }

    private async Task<IHtmlDocument> AnonymousPageAsync(string path) => await PortalHttp.GetPageAsync(PortalHttp.ClientOf(Factory), path);

    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
