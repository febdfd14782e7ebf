using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Domain.Common;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Admin;

/// <summary>Usuarios: list with search, create, edit, deactivate, reactivate, unlock.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("administracion/usuarios")]
public sealed class AdminUsersController(UserAdministration users, TimeProvider clock) : Controller
{
    private const string InputPrefix = "Input";

    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromServices] UserListQuery query, string? buscar, string? por, string? rol, string? despues, string? antes, CancellationToken cancellationToken = default) =>
        View(await query.RunAsync(buscar, UserSearchKinds.FromQuery(por), rol, new PageRequest(despues, antes), clock.GetUtcNow(), cancellationToken));

    [HttpGet("nuevo")]
    public IActionResult Create() => View(new UserCreatePage { Input = new UserCreateInput() });

    [HttpPost("nuevo")]
    public async Task<IActionResult> Create([Bind(Prefix = InputPrefix)] UserCreateInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (ModelState.IsValid)
        {
            try
            {
                var id = await users.CreateAsync(input, User.GetUserId(), cancellationToken);
                TempData["Flash"] = $"Se creó el usuario «{input.FullName!.Trim()}». Entréguele su contraseña inicial por un canal seguro.";
                return RedirectToAction(nameof(Edit), new { id });
            }
            catch (DomainException exception)
            {
                exception.AddTo(ModelState, InputPrefix);
            }
        }

        input.Password = null;
        return View(new UserCreatePage { Input = input });
    }

    [HttpGet("{id:guid}/editar")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var page = await users.FindForEditAsync(id, User.GetUserId(), clock.GetUtcNow(), cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost("{id:guid}/editar")]
    public async Task<IActionResult> Edit(Guid id, [Bind(Prefix = InputPrefix)] UserEditInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var page = await users.FindForEditAsync(id, User.GetUserId(), clock.GetUtcNow(), cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            try
            {
                await users.UpdateAsync(id, input, User.GetUserId(), cancellationToken);
                TempData["Flash"] = $"Se guardaron los cambios de «{input.FullName!.Trim()}».";
                return RedirectToAction(nameof(Edit), new { id });
            }
            catch (DomainException exception)
            {
                exception.AddTo(ModelState, InputPrefix);
            }
        }

        page.Input = input;
        return View(page);
    }

    [HttpPost("{id:guid}/desactivar")]
    public Task<IActionResult> Deactivate(Guid id, CancellationToken cancellationToken) =>
        ChangeAccountAsync(id, (userId, adminId) => users.DeactivateAsync(userId, adminId, cancellationToken), name => $"Se desactivó la cuenta de «{name}». Sus sesiones abiertas se cerraron.");

    [HttpPost("{id:guid}/reactivar")]
    public Task<IActionResult> Reactivate(Guid id, CancellationToken cancellationToken) =>
        ChangeAccountAsync(id, (userId, adminId) => users.ReactivateAsync(userId, adminId, cancellationToken), name => $"Se reactivó la cuenta de «{name}».");

    [HttpPost("{id:guid}/desbloquear")]
    public Task<IActionResult> Unlock(Guid id, CancellationToken cancellationToken) =>
        ChangeAccountAsync(id, (userId, adminId) => users.UnlockAsync(userId, adminId, cancellationToken), name => $"Se desbloqueó la cuenta de «{name}». Ya puede iniciar sesión.");

    private async Task<IActionResult> ChangeAccountAsync(Guid id, Func<Guid, Guid, Task<string?>> change, Func<string, string> success)
    {
        try
        {
            var name = await change(id, User.GetUserId());
            if (name is null)
            {
                return NotFound();
            }

            TempData["Flash"] = success(name);
        }
        catch (DomainException exception)
        {
            TempData["FlashError"] = exception.Message;
        }

        return RedirectToAction(nameof(Edit), new { id });
    }
}
