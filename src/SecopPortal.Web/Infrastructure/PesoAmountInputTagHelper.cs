using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// <c>&lt;input asp-for="X" peso-amount&gt;</c>: a text box for pesos showing the stored amount as
/// "4.500.000" or "4.500.000,50", independent of the server's culture data. What the user typed (kept in
/// ModelState after a failed post) is left as it is.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for,peso-amount")]
public sealed class PesoAmountInputTagHelper : TagHelper
{
    public override int Order => 1001;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = default!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.RemoveAll("peso-amount");
        output.Attributes.SetAttribute("type", "text");
        output.Attributes.SetAttribute("inputmode", "decimal");
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is not null)
        {
            return;
        }

        output.Attributes.SetAttribute("value", For.Model is decimal amount ? PesoAmount.ToInputText(amount) : string.Empty);
    }
}
