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
    public IActionResult StatusCodePage(int statusCode)
    {
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
        _ = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        ViewData["CorrelationId"] = HttpContext.TraceIdentifier;
        return View("Error", StatusCodes.Status500InternalServerError);
    }
}
