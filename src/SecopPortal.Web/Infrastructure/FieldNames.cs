using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// The names the page gives its fields, by control id: a label's text, a fieldset's legend (a group of radios or
/// checkboxes) or a section's heading ("Documentos"). They are collected while the view renders, so the error summary,
/// which stands above the fields, can still say which field each message is about (<see cref="ErrorSummaryEntry"/>):
/// Razor writes the page out only once the whole view has run.
/// </summary>
public sealed partial class FieldNames
{
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private readonly HashSet<string> controls = new(StringComparer.Ordinal);

    /// <summary>The request's names (one set per page rendered).</summary>
    public static FieldNames Of(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.Items[typeof(FieldNames)] is FieldNames existing)
        {
            return existing;
        }

        var created = new FieldNames();
        httpContext.Items[typeof(FieldNames)] = created;
        return created;
    }

    /// <summary>Records the name shown for the control <paramref name="id"/>; the first name of an id wins.</summary>
    public void Name(string? id, string html)
    {
        if (string.IsNullOrEmpty(id))
        {
            return;
        }

        var text = PlainText(html);
        controls.Add(id);
        if (text.Length > 0)
        {
            names.TryAdd(id, text);
        }
    }

    /// <summary>Records that the page has a control with this id (a link to it leads somewhere).</summary>
    public void Control(string? id)
    {
        if (!string.IsNullOrEmpty(id))
        {
            controls.Add(id);
        }
    }

    public bool HasControl(string id) => controls.Contains(id);

    public string? NameOf(string id) => names.GetValueOrDefault(id);

    /// <summary>The text a label's markup reads as: tags dropped, entities decoded, spaces collapsed, no trailing colon.</summary>
    public static string PlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = WebUtility.HtmlDecode(Tags().Replace(html, " "));
        return Spaces().Replace(text, " ").Trim().TrimEnd(':', '*').Trim();
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.None, 1000)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+", RegexOptions.None, 1000)]
    private static partial Regex Spaces();
}

/// <summary>
/// One line of the error summary: "Periodo desde: Este dato es obligatorio.", a link to the field. Its text is decided
/// when the page is written out, after every label of the view has been seen (<see cref="FieldNames"/>); a message of
/// no field, or of a field the page does not show, is plain text.
/// </summary>
public sealed class ErrorSummaryEntry(FieldNames names, string? controlId, string message) : IHtmlContent
{
    public string? ControlId { get; } = controlId;

    public string Message { get; } = message;

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        if (ControlId is not { Length: > 0 } id || !names.HasControl(id))
        {
            encoder.Encode(writer, Message);
            return;
        }

        writer.Write("<a href=\"#");
        encoder.Encode(writer, id);
        writer.Write("\">");
        if (names.NameOf(id) is { } name)
        {
            writer.Write("<span class=\"alert__field\">");
            encoder.Encode(writer, name);
            writer.Write("</span>: ");
        }

        encoder.Encode(writer, Message);
        writer.Write("</a>");
    }

    /// <summary>
    /// The entries of the model state's errors, in order, each (field, message) once: a field may get the same message
    /// from the binder and from the domain, and a page-level message may be added by two steps.
    /// </summary>
    public static IReadOnlyList<ErrorSummaryEntry> From(ViewContext viewContext)
    {
        ArgumentNullException.ThrowIfNull(viewContext);
        var names = FieldNames.Of(viewContext.HttpContext);
        return viewContext.ViewData.ModelState
            .SelectMany(entry => entry.Value!.Errors.Select(error => (Id: ControlIdOf(entry.Key), error.ErrorMessage)))
            .Where(error => !string.IsNullOrWhiteSpace(error.ErrorMessage))
            .Distinct()
            .Select(error => new ErrorSummaryEntry(names, error.Id, error.ErrorMessage))
            .ToList();
    }

    private static string? ControlIdOf(string key) =>
        string.IsNullOrEmpty(key) ? null : TagBuilder.CreateSanitizedId(key, "_");
}

/// <summary>Records each label's text under the id of its control (<c>for</c>), for <see cref="FieldNames"/>.</summary>
[HtmlTargetElement("label", Attributes = "for")]
[HtmlTargetElement("label", Attributes = "asp-for")]
public sealed class FieldLabelNameTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    // After the framework's LabelTagHelper, which writes "for" and, when the label is empty, its text.
    public override int Order => 1000;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.Attributes.TryGetAttribute("for", out var forAttribute))
        {
            return;
        }

        var content = output.Content.IsModified ? output.Content.GetContent() : (await output.GetChildContentAsync()).GetContent();
        FieldNames.Of(ViewContext.HttpContext).Name(AttributeText(forAttribute.Value), content);
    }

    internal static string? AttributeText(object? value) => value switch
    {
        null => null,
        string text => text,
        IHtmlContent html => WebUtility.HtmlDecode(HtmlText(html)),
        _ => value.ToString(),
    };

    private static string HtmlText(IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}

/// <summary>
/// A fieldset (a group of radios or checkboxes) or a section with an id is named by its first legend or heading
/// ("Documentos"); one without an id hides its legend from the fieldset around it.
/// </summary>
[HtmlTargetElement("fieldset")]
[HtmlTargetElement("section")]
public sealed class FieldGroupNameTagHelper : TagHelper
{
    internal static readonly object GroupKey = new();

    public override void Init(TagHelperContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[GroupKey] = new Group(context.AllAttributes.TryGetAttribute("id", out var id) ? FieldLabelNameTagHelper.AttributeText(id.Value) : null);
    }

    internal sealed class Group(string? id)
    {
        public string? Id { get; } = id;

        public bool Named { get; set; }
    }
}

/// <summary>The legend of a fieldset, or the heading of a section, names it (<see cref="FieldGroupNameTagHelper"/>).</summary>
[HtmlTargetElement("legend")]
[HtmlTargetElement("h2")]
public sealed class FieldGroupLegendTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (!context.Items.TryGetValue(FieldGroupNameTagHelper.GroupKey, out var item)
            || item is not FieldGroupNameTagHelper.Group { Id: { } id, Named: false } group)
        {
            return;
        }

        group.Named = true;
        FieldNames.Of(ViewContext.HttpContext).Name(id, (await output.GetChildContentAsync()).GetContent());
    }
}
