using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace SecopPortal.Web.Features.Account;

/// <summary>Identity's messages in Spanish.</summary>
public sealed class SpanishIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Ocurrió un error inesperado.");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Otra persona modificó este usuario al mismo tiempo. Vuelva a intentarlo.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "La contraseña actual no es correcta.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "El enlace no es válido o ya expiró.");

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), "Ya existe un usuario con este inicio de sesión.");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), $"El nombre de usuario «{userName}» no es válido.");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), $"El correo electrónico «{email}» no es válido.");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"Ya existe un usuario con el correo «{userName}».");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"Ya existe un usuario con el correo «{email}».");

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), $"El rol «{role}» no es válido.");

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), $"El rol «{role}» ya existe.");

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "El usuario ya tiene contraseña.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "El bloqueo no está habilitado para este usuario.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"El usuario ya tiene el rol «{role}».");

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), $"El usuario no tiene el rol «{role}».");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"La contraseña debe tener al menos {length.ToString(CultureInfo.InvariantCulture)} caracteres.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), $"La contraseña debe tener al menos {uniqueChars.ToString(CultureInfo.InvariantCulture)} caracteres distintos.");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "La contraseña debe tener al menos un símbolo (por ejemplo . ! # $).");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "La contraseña debe tener al menos un número (0-9).");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "La contraseña debe tener al menos una letra minúscula (a-z).");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "La contraseña debe tener al menos una letra mayúscula (A-Z).");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
