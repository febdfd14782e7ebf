using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// <c>&lt;input asp-for="X" type="file"&gt;</c>: a browser draws its file box in its own language ("Choose File / No
/// file chosen" in English). This marks the box for wwwroot/js/file-picker.js, which keeps the real input (focusable,
/// labelled by its label, operated with Space or Enter) and shows a Spanish button and the chosen file's name next to
/// it. Without JavaScript the browser's own box stays, and works.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for,[type=file]")]
public sealed class FilePickerTagHelper : TagHelper
{
    public const string ButtonText = "Seleccionar archivo";

    public const string NoFileText = "Ningún archivo seleccionado";

    public override int Order => 1001;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.SetAttribute("data-file-picker", ButtonText);
        output.Attributes.SetAttribute("data-file-picker-empty", NoFileText);
    }
}
