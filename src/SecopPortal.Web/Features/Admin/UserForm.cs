using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Admin;

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
