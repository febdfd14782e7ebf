using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using SecopPortal.Domain.Common;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Admin;

/// <summary>What the admin tests do over and over: read a form, post it, look for a field's message.</summary>
internal static class AdminPages
{
    public const string Home = "/administracion";
    public const string Entities = "/administracion/entidades";
    public const string NewEntity = "/administracion/entidades/nueva";
    public const string Users = "/administracion/usuarios";
    public const string NewUser = "/administracion/usuarios/nuevo";
    public const string Contracts = "/administracion/contratos";
    public const string NewContract = "/administracion/contratos/nuevo";

    public static string EditContract(int id) => $"/administracion/contratos/{id.ToString(CultureInfo.InvariantCulture)}/editar";

    public static string ContractStatus(int id) => $"/administracion/contratos/{id.ToString(CultureInfo.InvariantCulture)}/estado";

    public static string EditUser(Guid id) => $"/administracion/usuarios/{id}/editar";

    /// <summary>The text of the message shown next to the field with this id (e.g. "Input_Number").</summary>
    public static string FieldError(IHtmlDocument page, string fieldId)
    {
        var error = page.GetElementById($"{fieldId}-error");
        Assert.True(error is not null, $"The page has no error slot for «{fieldId}». Title: {page.Title}");
        return error!.TextContent.Trim();
    }

    public static void AssertFieldError(IHtmlDocument page, string fieldId, string expectedFragment, bool fieldIsControl = true)
    {
        var message = FieldError(page, fieldId);
        Assert.True(message.Contains(expectedFragment, StringComparison.Ordinal),
            $"Next to «{fieldId}» the page says «{message}»; expected it to contain «{expectedFragment}». Summary: {Summary(page)}");
        var field = page.GetElementById(fieldId);
        Assert.NotNull(field);
        if (fieldIsControl)
        {
            Assert.Equal("true", field!.GetAttribute("aria-invalid"));
        }

        Assert.Contains(expectedFragment, Summary(page), StringComparison.Ordinal);
    }

    /// <summary>The error summary at the top of the page ("" when there is none).</summary>
    public static string Summary(IHtmlDocument page) => page.GetElementById("errores")?.TextContent.Trim() ?? string.Empty;

    public static string Flash(IHtmlDocument page) => page.QuerySelector(".alert--success")?.TextContent.Trim() ?? string.Empty;

    public static string FlashError(IHtmlDocument page) => page.QuerySelector(".alert--error")?.TextContent.Trim() ?? string.Empty;

    /// <summary>The value a browser would submit for the named control (the selected option of a select).</summary>
    public static string? ValueOf(IHtmlDocument page, string name)
    {
        var element = page.QuerySelector($"[name='{name}']");
        return element switch
        {
            IHtmlSelectElement select => select.Value,
            IHtmlTextAreaElement area => area.Value,
            IHtmlInputElement input => input.Value,
            _ => null,
        };
    }

    /// <summary>What the browser would post for the form that contains the named control, as the page shows it now.</summary>
    public static Dictionary<string, string> FormValues(IHtmlDocument page, string controlName)
    {
        var form = page.QuerySelector($"[name='{controlName}']")?.Closest("form") as IHtmlFormElement;
        Assert.True(form is not null, $"No form contains «{controlName}».");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in form!.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || name == PortalHttp.AntiforgeryFieldName || values.ContainsKey(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" } box:
                    if (box.IsChecked)
                    {
                        values[name] = box.Value;
                    }

                    break;
                case IHtmlInputElement input:
                    values[name] = input.Value;
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

    /// <summary>The value of the option whose text contains <paramref name="textFragment"/>.</summary>
    public static string OptionValue(IHtmlDocument page, string selectName, string textFragment)
    {
        var option = page.QuerySelectorAll($"select[name='{selectName}'] option")
            .FirstOrDefault(o => o.TextContent.Contains(textFragment, StringComparison.Ordinal));
        Assert.True(option is not null, $"The select «{selectName}» has no option with «{textFragment}».");
        return option!.GetAttribute("value")!;
    }

    public static IReadOnlyList<string> OptionTexts(IHtmlDocument page, string selectName) =>
        page.QuerySelectorAll($"select[name='{selectName}'] option")
            .Where(o => !string.IsNullOrEmpty(o.GetAttribute("value")))
            .Select(o => o.TextContent.Trim())
            .ToList();

    /// <summary>The path of a Location header, whether the portal wrote it absolute or relative.</summary>
    public static string PathOf(Uri location) =>
        (location.IsAbsoluteUri ? location : new Uri(new Uri("https://localhost"), location)).AbsolutePath;

    public static string Location(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode} {response.StatusCode}.");
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>A NIT no other test uses, with its right check digit ("9" + 8 random digits).</summary>
    public static string NewNit(out string baseDigits)
    {
        baseDigits = "9" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        return $"{baseDigits}-{NitNumber.CheckDigit(baseDigits).ToString(CultureInfo.InvariantCulture)}";
    }

    public static string NewContractNumber() => $"CO1.PCCNTR.T{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";

    public static string NewEmail(string who) => $"{who}.{Guid.NewGuid().ToString("N")[..8]}@prueba.gov.co";

    /// <summary>The demo entities' NITs, as the seeder registers them.</summary>
    public const string VillaDelRioNit = "891480085-7";

    public const string InstituteNit = "900712345-6";

    /// <summary>A complete, valid contract form for the given entity (NIT) and people (e-mail or document number).</summary>
    public static Dictionary<string, string> ContractForm(string entityNit, string contractor, string supervisor, string number) => new(StringComparer.Ordinal)
    {
        ["Input.EntityNit"] = entityNit,
        ["Input.Number"] = number,
        ["Input.Purpose"] = "Prestación de servicios profesionales para apoyar la supervisión de los contratos de la entidad.",
        ["Input.Type"] = "ProfessionalServices",
        ["Input.Modality"] = "DirectContracting",
        ["Input.TotalValue"] = "27.000.000",
        ["Input.MonthlyFee"] = "4.500.000",
        ["Input.SignedOn"] = "2026-02-02",
        ["Input.StartsOn"] = "2026-02-03",
        ["Input.EndsOn"] = "2026-08-02",
        ["Input.CdpNumber"] = "CDP-2026-0142",
        ["Input.RpNumber"] = "RP-2026-0311",
        ["Input.RequiresElectronicInvoice"] = "false",
        ["Input.Contractor"] = contractor,
        ["Input.Supervisor"] = supervisor,
    };

    /// <summary>The usual parties: the Alcaldía de Villa del Río, contratista2 and the demo supervisor, as the form names them.</summary>
    public static (string EntityNit, string Contractor, string Supervisor) ContractParties() =>
        (VillaDelRioNit, DemoAccounts.Contractor2.Email, DemoAccounts.Supervisor.Email);

    /// <summary>Creates a contract through the form and returns its id (from the redirect to its edit page).</summary>
    public static async Task<int> CreateContractAsync(HttpClient admin, Dictionary<string, string> form)
    {
        using var response = await PortalHttp.PostFormAsync(admin, NewContract, form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await PortalHttp.ParseAsync(response);
            Assert.Fail($"Creating the contract answered {(int)response.StatusCode}: {Summary(page)}");
        }

        var location = Location(response);
        var segments = location.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("editar", segments[^1]);
        return int.Parse(segments[^2], CultureInfo.InvariantCulture);
    }

    /// <summary>Creates a user through the form and returns its id.</summary>
    public static async Task<Guid> CreateUserAsync(HttpClient admin, string fullName, string email, string password, params string[] roles)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("Input.FullName", fullName),
            new("Input.Email", email),
            new("Input.Password", password),
            new("Input.PersonType", "NaturalPerson"),
            new("Input.DocumentType", "CedulaDeCiudadania"),
            new("Input.DocumentNumber", Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture)),
        };
        form.AddRange(roles.Select(role => new KeyValuePair<string, string>("Input.Roles", role)));
        using var response = await PortalHttp.PostFormAsync(admin, NewUser, form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await PortalHttp.ParseAsync(response);
            Assert.Fail($"Creating the user answered {(int)response.StatusCode}: {Summary(page)}");
        }

        var segments = Location(response).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Guid.Parse(segments[^2]);
    }

    public static IElement? ButtonWithText(IHtmlDocument page, string text) =>
        page.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Trim() == text);
}
