using System.Linq.Expressions;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
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
        new UserCreateInputValidator().Validate(input).AddShapeErrorsTo(ModelState, InputPrefix);
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

        new UserEditInputValidator().Validate(input).AddShapeErrorsTo(ModelState, InputPrefix);
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

/// <summary>The <c>por</c> query value that keeps a search's kind from page to page.</summary>
public static class UserSearchKinds
{
    public static UserSearchKind? FromQuery(string? value) => value switch
    {
        "nombre" => UserSearchKind.Name,
        "correo" => UserSearchKind.Email,
        "documento" => UserSearchKind.Document,
        _ => null,
    };

    public static string? ToQuery(UserSearchKind kind) => kind switch
    {
        UserSearchKind.Name => "nombre",
        UserSearchKind.Email => "correo",
        UserSearchKind.Document => "documento",
        _ => null,
    };
}

public sealed class UserCreatePage
{
    public required UserCreateInput Input { get; init; }
}

public sealed class UserEditPage
{
    public required Guid Id { get; init; }

    public required string Email { get; init; }

    public required bool IsActive { get; init; }

    public required DateTimeOffset? LockedOutUntil { get; init; }

    public required bool IsSelf { get; init; }

    public required DateTime CreatedAtUtc { get; init; }

    public required UserEditInput Input { get; set; }
}

/// <summary>The person data both user forms share.</summary>
public abstract class UserInputBase
{
    public string? FullName { get; set; }

    public ICollection<string> Roles { get; } = new List<string>();

    public PersonType? PersonType { get; set; }

    public DocumentType? DocumentType { get; set; }

    public string? DocumentNumber { get; set; }

    public bool IsContractor => Roles.Contains(PortalRoles.Contractor, StringComparer.Ordinal);
}

public sealed class UserCreateInput : UserInputBase
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}

public sealed class UserEditInput : UserInputBase;

public static partial class UserInputRules
{
    public const int MinimumPasswordLength = 12;

    public static void AddPersonRules<T>(AbstractValidator<T> validator)
        where T : UserInputBase
    {
        ArgumentNullException.ThrowIfNull(validator);
        validator.RuleFor(x => x.FullName).NotEmpty().WithMessage("Escriba el nombre completo.")
            .MaximumLength(ApplicationUser.FullNameMaxLength).WithMessage($"El nombre completo admite como máximo {ApplicationUser.FullNameMaxLength} caracteres.");
        validator.RuleFor(x => x.Roles).NotEmpty().WithMessage("Seleccione al menos un rol.");
        validator.RuleForEach(x => x.Roles).Must(role => PortalRoles.All.Contains(role, StringComparer.Ordinal)).WithMessage("El rol «{PropertyValue}» no existe.")
            .OverridePropertyName(nameof(UserInputBase.Roles));
        validator.RuleFor(x => x.PersonType).NotNull().When(x => x.IsContractor).WithMessage("Seleccione el tipo de persona: es obligatorio para el rol Contratista.");
        validator.RuleFor(x => x.DocumentType).NotNull().When(x => x.IsContractor).WithMessage("Seleccione el tipo de documento: es obligatorio para el rol Contratista.");
        validator.RuleFor(x => x.DocumentNumber).NotEmpty().When(x => x.IsContractor).WithMessage("Escriba el número de documento: es obligatorio para el rol Contratista.");
        validator.RuleFor(x => x.DocumentNumber)
            .MaximumLength(ApplicationUser.DocumentNumberMaxLength).WithMessage($"El número de documento admite como máximo {ApplicationUser.DocumentNumberMaxLength} caracteres.")
            .Matches(DocumentNumberPattern()).WithMessage("Escriba el número de documento solo con números y letras, sin puntos ni espacios.")
            .When(x => !string.IsNullOrWhiteSpace(x.DocumentNumber));
        validator.RuleFor(x => x.DocumentType).NotNull().When(x => !string.IsNullOrWhiteSpace(x.DocumentNumber))
            .WithMessage("Seleccione el tipo de documento del número que escribió.");
    }

    [GeneratedRegex(@"^\s*[0-9A-Za-z-]+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentNumberPattern();
}

public sealed class UserCreateInputValidator : AbstractValidator<UserCreateInput>
{
    public UserCreateInputValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Escriba el correo electrónico.")
            .EmailAddress().WithMessage("Escriba un correo electrónico válido, por ejemplo nombre@entidad.gov.co.")
            .MaximumLength(256).WithMessage("El correo electrónico admite como máximo 256 caracteres.");
        RuleFor(x => x.Password).NotEmpty().WithMessage("Escriba la contraseña inicial.")
            .MinimumLength(UserInputRules.MinimumPasswordLength).WithMessage($"La contraseña inicial debe tener al menos {UserInputRules.MinimumPasswordLength} caracteres.");
        UserInputRules.AddPersonRules(this);
    }
}

public sealed class UserEditInputValidator : AbstractValidator<UserEditInput>
{
    public UserEditInputValidator() => UserInputRules.AddPersonRules(this);
}

public sealed record UserListRow(
    Guid Id,
    string FullName,
    string? Email,
    IReadOnlyList<string> Roles,
    PersonType? PersonType,
    bool IsActive,
    DateTimeOffset? LockedOutUntil);

/// <summary>What the search box was read as; each kind is read from its own index, in its own order.</summary>
public enum UserSearchKind
{
    None = 0,
    Name = 1,
    Email = 2,
    Document = 3,
}

public sealed record UserListPage(KeysetPage<UserListRow> Page, string? Search, UserSearchKind SearchKind, string? Role);

/// <summary>
/// One page of users: all of them in name order, or those whose name (folded: no accents, any case), e-mail or
/// document number starts with what was typed, optionally of one role. A term with "@" is an e-mail, one word with a
/// digit a document number, anything else a name; a term of one word that finds no name or document is tried as the
/// beginning of an e-mail ("laura.mendez"). Every search reads its own index in that index's order, a page at a
/// time (keyset): no count, no sort, no scan of the 1.5 million users.
/// </summary>
public sealed class UserListQuery(PortalDbContext db)
{
    public const int PageSize = 20;

    public async Task<UserListPage> RunAsync(
        string? search, UserSearchKind? kind, string? role, PageRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var users = db.Users.AsNoTracking();
        if (role is not null && PortalRoles.All.Contains(role, StringComparer.Ordinal))
        {
            // The role's id first, so the database knows how common the role is: it walks the name index for a
            // common role (Contratista), and reads the few members of a rare one (Administrador) from the role index.
            var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }
        else
        {
            role = null;
        }

        var term = search?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return new UserListPage(await ReadAsync(users, UserSearchKind.None, term, request, now, cancellationToken), null, UserSearchKind.None, role);
        }

        if (kind is UserSearchKind.Name or UserSearchKind.Email or UserSearchKind.Document)
        {
            return new UserListPage(await ReadAsync(users, kind.Value, term, request, now, cancellationToken), term, kind.Value, role);
        }

        // What the term looks like first; when that finds nobody, the other readings it admits.
        var chosen = UserSearchKind.None;
        KeysetPage<UserListRow>? page = null;
        foreach (var candidate in KindsOf(term))
        {
            chosen = candidate;
            page = await ReadAsync(users, candidate, term, request, now, cancellationToken);
            if (page.Rows.Count > 0 || !request.IsFirst)
            {
                break;
            }
        }

        return new UserListPage(page!, term, chosen, role);
    }

    /// <summary>
    /// "a@b" is an e-mail; one word with a digit ("1.020.345.678", "AB123456") a document number, then perhaps the
    /// beginning of an e-mail; anything else a name, then, if it is one word ("laura.mendez"), perhaps an e-mail.
    /// </summary>
    private static IEnumerable<UserSearchKind> KindsOf(string term)
    {
        if (term.Contains('@', StringComparison.Ordinal))
        {
            yield return UserSearchKind.Email;
            yield break;
        }

        var oneWord = !term.Any(char.IsWhiteSpace);
        if (oneWord && term.Any(char.IsAsciiDigit))
        {
            yield return UserSearchKind.Document;
        }
        else
        {
            yield return UserSearchKind.Name;
        }

        if (oneWord)
        {
            yield return UserSearchKind.Email;
        }
    }

    private async Task<KeysetPage<UserListRow>> ReadAsync(
        IQueryable<ApplicationUser> users, UserSearchKind kind, string? term, PageRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Expression<Func<ApplicationUser, UserListData>> row = u => new UserListData(u.Id, u.FullName, u.Email, u.PersonType, u.IsActive, u.LockoutEnd);
        var data = kind switch
        {
            UserSearchKind.Email => await ByAsync(users, u => u.NormalizedEmail, term!.ToUpperInvariant()),
            UserSearchKind.Document => await ByAsync(users, u => u.DocumentNumber, term!.Replace(".", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal)),
            UserSearchKind.Name => await ByAsync(users, u => u.NormalizedFullName, SearchFold.Fold(term)),
            _ => await ByAsync(users, u => u.NormalizedFullName, prefix: null),
        };

        var roles = await RoleNamesAsync(db, data.Rows.Select(u => u.Id).ToList(), cancellationToken);
        var rows = data.Rows
            .Select(u => new UserListRow(
                u.Id,
                u.FullName,
                u.Email,
                roles.TryGetValue(u.Id, out var names) ? names : [],
                u.PersonType,
                u.IsActive,
                u.LockoutEnd > now ? u.LockoutEnd : null))
            .ToList();
        return new KeysetPage<UserListRow>(rows, data.FirstPosition, data.PreviousCursor, data.NextCursor);

        Task<KeysetPage<UserListData>> ByAsync(IQueryable<ApplicationUser> query, Expression<Func<ApplicationUser, string?>> key, string? prefix)
        {
            if (!string.IsNullOrEmpty(prefix))
            {
                query = query.WhereStartsWith(key, prefix);
            }

            return KeysetPaging.ReadAsync(query, Expression.Lambda<Func<ApplicationUser, string>>(key.Body, key.Parameters), u => u.Id, descending: false, row, request, PageSize, cancellationToken);
        }
    }

    private sealed record UserListData(Guid Id, string FullName, string? Email, PersonType? PersonType, bool IsActive, DateTimeOffset? LockoutEnd);

    /// <summary>The role names of each user, in the order the UI lists roles.</summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<string>>> RoleNamesAsync(PortalDbContext db, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pairs = await db.UserRoles.AsNoTracking()
            .Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return pairs
            .GroupBy(p => p.UserId)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)PortalRoles.All.Where(role => g.Any(p => p.Name == role)).ToList());
    }
}

/// <summary>Creates and edits users through Identity, and ends their sessions when they are deactivated.</summary>
public sealed class UserAdministration(
    PortalDbContext db,
    UserManager<ApplicationUser> userManager,
    TimeProvider clock,
    ILogger<UserAdministration> logger)
{
    public const string SelfDeactivationMessage = "No puede desactivar su propia cuenta. Pida a otro administrador que lo haga.";
    public const string SelfAdminRoleMessage = "No puede quitarse a sí mismo el rol de Administrador. Pida a otro administrador que lo haga.";

    public async Task<Guid> CreateAsync(UserCreateInput input, Guid adminId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var email = input.Email!.Trim();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = input.FullName!.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            IsActive = true,
        };
        ApplyPersonData(user, input);
        var roles = PortalRoles.All.Where(input.Roles.Contains).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityViolations.ThrowIfFailed(await userManager.CreateAsync(user, input.Password!), nameof(UserCreateInput.Password));
        IdentityViolations.ThrowIfFailed(await userManager.AddToRolesAsync(user, roles));
        await transaction.CommitAsync(cancellationToken);
        AdminLog.UserCreated(logger, adminId, user.Id, roles);
        return user.Id;
    }

    public async Task<UserEditPage?> FindForEditAsync(Guid id, Guid adminId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.FullName,
                u.PersonType,
                u.DocumentType,
                u.DocumentNumber,
                u.IsActive,
                u.LockoutEnd,
                u.CreatedAtUtc,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var input = new UserEditInput
        {
            FullName = user.FullName,
            PersonType = user.PersonType,
            DocumentType = user.DocumentType,
            DocumentNumber = user.DocumentNumber,
        };
        var roles = await UserListQuery.RoleNamesAsync(db, [user.Id], cancellationToken);
        foreach (var role in roles.GetValueOrDefault(user.Id) ?? [])
        {
            input.Roles.Add(role);
        }

        return new UserEditPage
        {
            Id = user.Id,
            Email = user.Email ?? string.Empty,
            IsActive = user.IsActive,
            LockedOutUntil = user.LockoutEnd > now ? user.LockoutEnd : null,
            IsSelf = user.Id == adminId,
            CreatedAtUtc = user.CreatedAtUtc,
            Input = input,
        };
    }

    public async Task UpdateAsync(Guid id, UserEditInput input, Guid adminId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var user = await userManager.FindByIdAsync(id.ToString()) ?? throw new DomainException("El usuario ya no existe.");
        var wanted = PortalRoles.All.Where(input.Roles.Contains).ToList();
        var current = await userManager.GetRolesAsync(user);
        if (id == adminId && current.Contains(PortalRoles.Administrator) && !wanted.Contains(PortalRoles.Administrator))
        {
            throw new DomainValidationException([new RuleViolation(nameof(UserInputBase.Roles), SelfAdminRoleMessage)]);
        }

        user.FullName = input.FullName!.Trim();
        ApplyPersonData(user, input);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityViolations.ThrowIfFailed(await userManager.UpdateAsync(user));
        var toRemove = current.Except(wanted, StringComparer.Ordinal).ToList();
        var toAdd = wanted.Except(current, StringComparer.Ordinal).ToList();
        if (toRemove.Count > 0)
        {
            IdentityViolations.ThrowIfFailed(await userManager.RemoveFromRolesAsync(user, toRemove));
        }

        if (toAdd.Count > 0)
        {
            IdentityViolations.ThrowIfFailed(await userManager.AddToRolesAsync(user, toAdd));
        }

        await transaction.CommitAsync(cancellationToken);
        AdminLog.UserUpdated(logger, adminId, user.Id, wanted);
    }

    /// <summary>Deactivates the user and renews their security stamp, which ends every open session on its next request.</summary>
    public async Task<string?> DeactivateAsync(Guid id, Guid adminId, CancellationToken cancellationToken)
    {
        if (id == adminId)
        {
            throw new DomainException(SelfDeactivationMessage);
        }

        var user = await userManager.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.IsActive = false;
        IdentityViolations.ThrowIfFailed(await userManager.UpdateAsync(user));
        IdentityViolations.ThrowIfFailed(await userManager.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(cancellationToken);
        AdminLog.UserDeactivated(logger, adminId, user.Id);
        return user.FullName;
    }

    public async Task<string?> ReactivateAsync(Guid id, Guid adminId, CancellationToken cancellationToken)
    {
        var user = await userManager.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        user.IsActive = true;
        IdentityViolations.ThrowIfFailed(await userManager.UpdateAsync(user));
        AdminLog.UserReactivated(logger, adminId, user.Id);
        return user.FullName;
    }

    /// <summary>Clears the lockout left by too many failed sign-ins, and the failure count with it.</summary>
    public async Task<string?> UnlockAsync(Guid id, Guid adminId, CancellationToken cancellationToken)
    {
        var user = await userManager.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityViolations.ThrowIfFailed(await userManager.SetLockoutEndDateAsync(user, null));
        IdentityViolations.ThrowIfFailed(await userManager.ResetAccessFailedCountAsync(user));
        await transaction.CommitAsync(cancellationToken);
        AdminLog.UserUnlocked(logger, adminId, user.Id);
        return user.FullName;
    }

    private static void ApplyPersonData(ApplicationUser user, UserInputBase input)
    {
        var number = input.DocumentNumber?.Trim();
        user.PersonType = input.PersonType;
        user.DocumentType = string.IsNullOrEmpty(number) ? null : input.DocumentType;
        user.DocumentNumber = string.IsNullOrEmpty(number) ? null : number;
    }
}
