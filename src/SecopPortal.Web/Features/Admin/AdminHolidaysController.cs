using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Domain.Common;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Features.Admin;

/// <summary>
/// "Días festivos" (docs/product.md §4.1): the national holidays of a year, adding one, removing one of the laws and
/// undoing a change, each confirmed on a page of its own (no JavaScript needed). The rules are the domain's
/// (<see cref="Domain.Calendar.HolidayChange"/>): every message comes from there, next to its field.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("administracion/festivos")]
public sealed class AdminHolidaysController(HolidayAdministration holidays) : Controller
{
    private const string Prefix = HolidayAdministration.InputPrefix;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? anio, CancellationToken cancellationToken) =>
        View(await holidays.YearPageAsync(HolidayAdministration.ParseYear(anio) ?? holidays.CurrentYear, new HolidayInput(), cancellationToken));

    [HttpPost("agregar")]
    public async Task<IActionResult> Add([Bind(Prefix = Prefix)] HolidayInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (ModelState.IsValid)
        {
            try
            {
                TempData["Flash"] = await holidays.AddAsync(input, User.GetUserId(), cancellationToken);
                return RedirectToAction(nameof(Index), new { anio = Year(input.Date!.Value.Year) });
            }
            catch (DomainException exception)
            {
                exception.AddTo(ModelState, Prefix);
            }
        }

        // The year of the date typed, when the calendar knows it; what was typed stays in the form.
        var year = input.Date is { } date ? HolidayAdministration.ParseYear(Year(date.Year)) : null;
        return View(nameof(Index), await holidays.YearPageAsync(year ?? holidays.CurrentYear, input, cancellationToken));
    }

    [HttpGet("retirar")]
    public IActionResult Remove(string? fecha)
    {
        var page = ParseDate(fecha) is { } date ? holidays.RemovalPage(date, new HolidayRemovalInput { Date = date }) : null;
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("retirar")]
    public async Task<IActionResult> Remove([Bind(Prefix = Prefix)] HolidayRemovalInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (ModelState.IsValid)
        {
            try
            {
                var change = await holidays.RemoveAsync(input, User.GetUserId(), cancellationToken);
                TempData["Flash"] = $"Se retiró el festivo «{change.Name}» del {HolidayAdministration.DayAndDate(change.Date)}.";
                return RedirectToAction(nameof(Index), new { anio = Year(change.Date.Year) });
            }
            catch (DomainException exception)
            {
                exception.AddTo(ModelState, Prefix);
            }
        }

        var page = input.Date is { } date ? holidays.RemovalPage(date, input) : null;
        return View(page ?? new HolidayRemovalPage(input.Date, [], input));
    }

    [HttpGet("cambios/{id:int}/deshacer")]
    public async Task<IActionResult> Withdraw(int id, CancellationToken cancellationToken)
    {
        var page = await holidays.WithdrawalPageAsync(id, new HolidayWithdrawalInput(), cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("cambios/{id:int}/deshacer")]
    public async Task<IActionResult> Withdraw(int id, [Bind(Prefix = Prefix)] HolidayWithdrawalInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var change = await holidays.WithdrawAsync(id, input, User.GetUserId(), cancellationToken);
            if (change is null)
            {
                return NotFound();
            }

            TempData["Flash"] = $"Se deshizo el cambio del {HolidayAdministration.DayAndDate(change.Date)} («{change.Name}»).";
            return RedirectToAction(nameof(Index), new { anio = Year(change.Date.Year) });
        }
        catch (DomainException exception)
        {
            exception.AddTo(ModelState, Prefix);
        }
        catch (ConcurrentChangeException)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, VersionMessages.Stale);
            Response.StatusCode = StatusCodes.Status409Conflict;
            input = new HolidayWithdrawalInput();
        }

        var page = await holidays.WithdrawalPageAsync(id, input, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
