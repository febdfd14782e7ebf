using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// Marks an input with errors as <c>aria-invalid</c> and ties it to its message
/// (<c>aria-describedby="{id}-error"</c>), so screen readers announce what to correct.
/// Pair with <c>&lt;span asp-validation-for="X" id="X-error"&gt;</c>, which <see cref="FieldErrorTagHelper"/> does.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class AccessibleFieldTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = default!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (output.Attributes.TryGetAttribute("id", out var id))
        {
            // The error summary links only to controls the page has (FieldNames).
            FieldNames.Of(ViewContext.HttpContext).Control(FieldLabelNameTagHelper.AttributeText(id.Value));
        }

        if (ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
        {
            var errorId = FieldErrorTagHelper.ErrorIdFor(name);
            output.Attributes.SetAttribute("aria-invalid", "true");
            var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing)
                ? $"{existing.Value} {errorId}"
                : errorId;
            output.Attributes.SetAttribute("aria-describedby", describedBy);
        }
    }
}

/// <summary>Gives each field's error message the id its input points to.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = default!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        output.Attributes.SetAttribute("id", ErrorIdFor(name));
        output.Attributes.SetAttribute("class", "field__error");
    }

    /// <summary>The id of a field's error message: the input's id plus "-error".</summary>
    public static string ErrorIdFor(string fullFieldName) => $"{TagBuilder.CreateSanitizedId(fullFieldName, "_")}-error";
}
