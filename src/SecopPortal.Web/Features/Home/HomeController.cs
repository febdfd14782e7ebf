using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Home;

public sealed class HomeController : Controller
{
    /// <summary>Sends each user to where their work is.</summary>
    [HttpGet("/")]
    public IActionResult Index()
    {
        if (User.IsContractor() || User.IsSupervisor())
        {
            return RedirectToAction("Index", "Contracts");
        }

        return User.IsAdministrator() ? RedirectToAction("Index", "Admin") : View();
    }

    [AllowAnonymous]
    [IgnoreAntiforgeryToken]
    [Route("/error/{statusCode:int}")]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult StatusCodePage()
    {
        // From the route by hand, no model binding: the re-executed request still carries the original body, which may be
        // the malformed form that caused the 400 (the form value provider would fail on it and leave 0, an invalid
        // status line). Only error codes are answered.
        var statusCode = int.TryParse(RouteData.Values["statusCode"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            && code is >= 400 and <= 599
            ? code
            : StatusCodes.Status404NotFound;
        Response.StatusCode = statusCode;
        ViewData["CorrelationId"] = HttpContext.TraceIdentifier;
        return View(statusCode == StatusCodes.Status404NotFound ? "NotFound" : "Error", statusCode);
    }

    [AllowAnonymous]
    [IgnoreAntiforgeryToken]
    [Route("/error")]
    [ApiExplorerSettings(IgnoreApi = true)]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult Error()
    {
        // A body that could not be read is the client's fault: 400, wherever it was read (see MalformedRequest).
        var status = MalformedRequest.Is(HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Error)
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        ViewData["CorrelationId"] = HttpContext.TraceIdentifier;
        return View("Error", status);
    }
}
