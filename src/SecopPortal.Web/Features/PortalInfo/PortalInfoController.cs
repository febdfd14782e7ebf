using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.PortalInfo;

/// <summary>
/// The pages a Colombian government portal links from its footer (MinTIC, Resolución 1519 de 2020): Ayuda, Contacto,
/// the personal-data policy (Ley 1581 de 2012), the accessibility statement and the terms of use. Anyone may read them,
/// signed in or not (ADR 0022). They read nothing but the operator's settings, so they are cacheable: shared caches may
/// keep the anonymous copy; a signed-in visitor's copy, which carries their menu, is private (no-store, once the logout
/// form's antiforgery token is written); <c>Vary: Cookie</c> keeps
/// a browser from showing one in place of the other after signing in or out.
/// </summary>
[AllowAnonymous]
public sealed class PortalInfoController(IOptions<PortalOperatorOptions> portalOperator) : Controller
{
    [HttpGet("/ayuda")]
    public IActionResult Ayuda() => Page();

    [HttpGet("/contacto")]
    public IActionResult Contacto() => Page();

    [HttpGet("/privacidad")]
    public IActionResult Privacidad() => Page();

    [HttpGet("/accesibilidad")]
    public IActionResult Accesibilidad() => Page();

    [HttpGet("/terminos")]
    public IActionResult Terminos() => Page();

    private ViewResult Page()
    {
        HttpCaching.Cacheable(HttpContext, HttpCaching.PublicMaxAge);
        Response.Headers.Append(HeaderNames.Vary, HeaderNames.Cookie);
        return View(portalOperator.Value);
    }
}

public static class PortalInfoServiceCollectionExtensions
{
    /// <summary>The operator's settings (<c>Portal:Operador</c>), checked at start: the footer of every page shows them.</summary>
    public static IServiceCollection AddPortalInfo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalOperatorOptions>()
            .Bind(configuration.GetSection(PortalOperatorOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalOperatorOptions>, PortalOperatorOptionsValidator>();
        return services;
    }
}

/// <summary>Refuses to start with an operator the footer could not show (no name, no e-mail, a web site that is not a URL…).</summary>
public sealed class PortalOperatorOptionsValidator : IValidateOptions<PortalOperatorOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IsComplete(out var problem) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}
