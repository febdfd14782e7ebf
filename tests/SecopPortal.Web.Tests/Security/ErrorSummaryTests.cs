using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Security;

/// <summary>
/// The error summary ("Hay 2 datos por corregir", issue 11): each line names its field as the page labels it and
/// links to it, and a message given twice for the same field is listed once.
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class ErrorSummaryTests(SqlitePortalFixture fixture)
{
    private static readonly string[] ExpectedLines =
    [
        "<a href=\"#Input_PeriodFrom\"><span class=\"alert__field\">Periodo desde</span>: Este dato es obligatorio.</a>",
        "<a href=\"#Input_PeriodTo\"><span class=\"alert__field\">Periodo hasta</span>: Este dato es obligatorio.</a>",
        "La cuenta de cobro cambió.",
        "Un campo que la página no muestra.",
    ];

    [Fact]
    public async Task An_empty_login_form_lists_each_field_once_by_its_label_with_a_link_to_it()
    {
        var client = PortalHttp.ClientOf(fixture.Factory);

        using var response = await PortalHttp.PostFormAsync(client, PortalHttp.LoginPath, new Dictionary<string, string>
        {
            ["Email"] = string.Empty,
            ["Password"] = string.Empty,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        var summary = page.GetElementById("errores")!;
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        Assert.Equal("Hay 2 datos por corregir", page.GetElementById("resumen-errores")!.TextContent.Trim());
        var lines = summary.QuerySelectorAll("li a").Select(a => (Href: a.GetAttribute("href"), Text: a.TextContent.Trim())).ToList();
        Assert.Equal(
            [("#Email", "Correo electrónico: Escriba su correo electrónico."), ("#Password", "Contraseña: Escriba su contraseña.")],
            lines);
        Assert.NotNull(page.GetElementById("Email"));
        Assert.NotNull(page.GetElementById("Password"));
    }

    [Fact]
    public void A_message_repeated_for_a_field_is_listed_once_and_two_fields_with_the_same_message_are_told_apart()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddModelError("Input.PeriodFrom", "Este dato es obligatorio.");
        modelState.AddModelError("Input.PeriodFrom", "Este dato es obligatorio.");
        modelState.AddModelError("Input.PeriodTo", "Este dato es obligatorio.");
        modelState.AddModelError(string.Empty, "La cuenta de cobro cambió.");
        modelState.AddModelError(string.Empty, "La cuenta de cobro cambió.");
        modelState.AddModelError("Input.Missing", "Un campo que la página no muestra.");
        var view = ViewContextWith(modelState);

        var entries = ErrorSummaryEntry.From(view);
        // The labels come after the summary on the page: they are named while the view renders, before it is written.
        var names = FieldNames.Of(view.HttpContext);
        names.Name("Input_PeriodFrom", "Periodo desde");
        names.Name("Input_PeriodTo", "Periodo <span class=\"muted\">hasta</span>:");

        // Each once, whatever the order the model state (a tree of its keys) gives them in.
        Assert.Equal(ExpectedLines.Order(StringComparer.Ordinal), entries.Select(Html).Order(StringComparer.Ordinal));
    }

    private static ViewContext ViewContextWith(ModelStateDictionary modelState) => new()
    {
        HttpContext = new DefaultHttpContext(),
        ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), modelState),
    };

    private static string Html(ErrorSummaryEntry entry)
    {
        using var writer = new StringWriter();
        entry.WriteTo(writer, HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        return writer.ToString();
    }
}
