using AngleSharp.Html.Dom;

namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>
/// A form's fields as a browser would post them, buttons and file boxes aside. Shared with the benchmark
/// (bench/SecopPortal.Bench links this file), which fills the same forms.
/// </summary>
public static class HtmlFormValues
{
    /// <summary>The name of the hidden fields MVC adds once per date box ("__Invariant"): all of them are kept, one per line.</summary>
    public const string InvariantField = "__Invariant";

    public static Dictionary<string, string> Of(IHtmlFormElement form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element is IHtmlButtonElement)
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "file" }:
                    break;
                case IHtmlInputElement { Type: "radio" or "checkbox" } box:
                    if (box.IsChecked)
                    {
                        values[name] = box.Value;
                    }

                    break;
                case IHtmlInputElement input when name == InvariantField:
                    values[name] = values.TryGetValue(name, out var others) ? $"{others}\n{input.Value}" : input.Value;
                    break;
                case IHtmlInputElement input:
                    values.TryAdd(name, input.Value);
                    break;
                case IHtmlSelectElement select:
                    values[name] = select.Value ?? string.Empty;
                    break;
                case IHtmlTextAreaElement area:
                    values[name] = area.Value;
                    break;
            }
        }

        return values;
    }
}
