using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// <c>&lt;input asp-for="X" type="date"&gt;</c> becomes a text box for dd/mm/aaaa: a browser's own date box follows
/// the browser's language (mm/dd/yyyy in English), while the portal's dates are always dd/mm/aaaa. The box shows the
/// stored date as "15/03/2026", says the format in a hint before it (tied with <c>aria-describedby</c>) and in its
/// placeholder, and keeps what the user typed when the post came back with an error. <see cref="PortalDateModelBinder"/>
/// reads what is posted.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for,[type=date]")]
public sealed class DateInputTagHelper : TagHelper
{
    /// <summary>"dd/mm/aaaa" is 10 characters; nothing longer is a date.</summary>
    public const int MaxLength = 10;

    public override int Order => 1001;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = default!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>The id of a date box's format hint: the input's id plus "-formato".</summary>
    public static string FormatHintIdFor(string inputId) => $"{inputId}-formato";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = output.Attributes.TryGetAttribute("id", out var idAttribute) && idAttribute.Value?.ToString() is { Length: > 0 } given
            ? given
            : TagBuilder.CreateSanitizedId(name, "_");
        output.Attributes.SetAttribute("type", "text");
        output.Attributes.SetAttribute("inputmode", "numeric");
        output.Attributes.SetAttribute("autocomplete", "off");
        output.Attributes.SetAttribute("maxlength", MaxLength);
        output.Attributes.SetAttribute("placeholder", PortalDate.Format);
        output.Attributes.SetAttribute("value", ValueOf(name));

        var hintId = FormatHintIdFor(id);
        var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing) && existing.Value?.ToString() is { Length: > 0 } others
            ? $"{hintId} {others}"
            : hintId;
        output.Attributes.SetAttribute("aria-describedby", describedBy);
        output.PreElement.AppendHtml($"<span class=\"hint date-format\" id=\"{hintId}\">{PortalDate.Format}</span>");
    }

    /// <summary>
    /// What was typed, when the form comes back with it: as typed when it is not a date, rewritten dd/mm/aaaa when it is
    /// (an ISO date, "5/3/2026"; the same date); else the model's date.
    /// </summary>
    private string ValueOf(string name)
    {
        if (ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is { } attempted)
        {
            return PortalDate.TryParse(attempted, out var typed, out _) ? PortalDate.ToInputText(typed) : attempted;
        }

        return For.Model is DateOnly date ? PortalDate.ToInputText(date) : string.Empty;
    }
}
