using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SecopPortal.Infrastructure.Auditing;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Features.Audit;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Account;

[Route("cuenta")]
public sealed class AccountController(
    PortalSignInManager signInManager,
    UserManager<ApplicationUser> userManager,
    SignInThrottle throttle,
    AuditTrail audit,
    TimeProvider clock) : Controller
{
    /// <summary>The one answer to an unknown e-mail and to a wrong password, also of a locked or deactivated account.</summary>
    public const string LoginFailedMessage = "Correo o contraseña incorrectos.";

    /// <summary>Told only after the right password of a locked account.</summary>
    public const string LockedOutMessage = "Su cuenta está bloqueada temporalmente. Espere a que termine el bloqueo o pida al administrador de la entidad que la desbloquee.";

    /// <summary>Told only after the right password of a deactivated account.</summary>
    public const string NotAllowedMessage = "Su cuenta está desactivada. Comuníquese con el administrador de la entidad.";

    [AllowAnonymous]
    [HttpGet("iniciar-sesion")]
    public IActionResult Login(string? returnUrl) =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl(returnUrl)) : View(new LoginInput { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("iniciar-sesion")]
    [EnableRateLimiting(SignInThrottle.AddressPolicy)]
    public async Task<IActionResult> Login(LoginInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        // Sign-in throttling (ADR 0019): per client address by the policy, per account here, once the body is bound.
        var email = input.Email.Trim();
        var account = userManager.NormalizeEmail(email);
        var address = ClientRateLimits.ClientAddress(HttpContext);
        using (var refusal = throttle.Refusal(account, address))
        {
            if (refusal is not null)
            {
                ClientRateLimits.SetRetryAfter(Response, refusal);
                await audit.SignInAsync(AuditKind.SignInThrottled, email, null, "Demasiados intentos fallidos: se pidió esperar (429) sin revisar la contraseña.");
                return StatusCode(StatusCodes.Status429TooManyRequests);
            }
        }

        var (result, user) = await signInManager.CheckCredentialsAsync(email, input.Password);
        if (result == CredentialCheck.Succeeded)
        {
            await signInManager.SignInAsync(user!, isPersistent: false);
            await audit.SignInAsync(AuditKind.SignInSucceeded, email, user!.Id, "Inició sesión.");
            return LocalRedirect(SafeReturnUrl(input.ReturnUrl));
        }

        if (result == CredentialCheck.Failed)
        {
            throttle.RecordFailure(account, address);
        }

        // The log tells the administrator what the page does not tell the visitor (ADR 0019): which case it was.
        await audit.SignInAsync(
            result switch
            {
                CredentialCheck.LockedOut => AuditKind.SignInLockedOut,
                CredentialCheck.NotAllowed => AuditKind.SignInDeactivated,
                _ => AuditKind.SignInFailed,
            },
            email,
            null,
            result switch
            {
                CredentialCheck.LockedOut => "Contraseña correcta de una cuenta bloqueada: no se inició sesión.",
                CredentialCheck.NotAllowed => "Contraseña correcta de una cuenta desactivada: no se inició sesión.",
                _ => "Correo o contraseña incorrectos.",
            });

        // A lock or a deactivation is not a typing mistake: its own alert, saying what to do (told only after the right
        // password, ADR 0019). Every other failure is the one answer, in the summary of things to correct.
        input.Refusal = result switch
        {
            CredentialCheck.LockedOut => await LockedOutRefusalAsync(email),
            CredentialCheck.NotAllowed => new SignInRefusal("Su cuenta está desactivada", NotAllowedMessage, null),
            _ => null,
        };
        if (input.Refusal is null)
        {
            ModelState.AddModelError(string.Empty, LoginFailedMessage);
        }

        input.Password = string.Empty;
        return View(input);
    }

    [HttpPost("cerrar-sesion")]
    public async Task<IActionResult> Logout()
    {
        var who = User.GetUserId();
        await signInManager.SignOutAsync();
        await audit.SignInAsync(AuditKind.SignedOut, User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name ?? string.Empty, who, "Cerró sesión.");
        TempData["Flash"] = "Cerró sesión correctamente.";
        return RedirectToAction(nameof(Login));
    }

    [HttpGet("cambiar-contrasena")]
    public IActionResult ChangePassword() => View(new ChangePasswordInput());

    [HttpPost("cambiar-contrasena")]
    public async Task<IActionResult> ChangePassword(ChangePasswordInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ModelState.IsValid)
        {
            return View(new ChangePasswordInput());
        }

        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await userManager.ChangePasswordAsync(user, input.CurrentPassword, input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == "PasswordMismatch" ? nameof(ChangePasswordInput.CurrentPassword) : nameof(ChangePasswordInput.NewPassword);
                ModelState.AddModelError(field, error.Description);
            }

            return View(new ChangePasswordInput());
        }

        // The new security stamp ended every session of the user, this one included (PortalDbContext): whoever held a
        // copy of any of their cookies is out, and the user signs in again with the new password.
        await signInManager.SignOutAsync();
        TempData["Flash"] = "Su contraseña fue cambiada y se cerraron todas sus sesiones. Inicie sesión con la nueva contraseña.";
        return RedirectToAction(nameof(Login));
    }

    [AllowAnonymous]
    [HttpGet("acceso-denegado")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    /// <summary>The lock's alert: what to do, and until when, when the lock has an end (the right password was typed).</summary>
    private async Task<SignInRefusal> LockedOutRefusalAsync(string email)
    {
        var user = await userManager.FindByEmailAsync(email);
        var end = user is null ? null : await userManager.GetLockoutEndDateAsync(user);
        var now = clock.GetUtcNow();
        string? until = null;
        if (end is { } lockEnd && lockEnd > now && lockEnd.Year < 9999)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((lockEnd - now).TotalMinutes));
            until = $"El bloqueo termina el {Display.DateTime(lockEnd.UtcDateTime)} (hora de Colombia), dentro de {(minutes == 1 ? "un minuto" : $"{minutes} minutos")}.";
        }

        return new SignInRefusal("Su cuenta está bloqueada", LockedOutMessage, until);
    }

    private string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}

public sealed class LoginInput
{
    public string Email { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }

    /// <summary>A locked or deactivated account (after the right password): shown as its own alert, not as a field to correct.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public SignInRefusal? Refusal { get; set; }
}

/// <summary>Why a right password did not open a session, and what to do: <paramref name="Title"/>, <paramref name="Message"/>, and when it ends.</summary>
public sealed record SignInRefusal(string Title, string Message, string? Until);

public sealed class LoginInputValidator : AbstractValidator<LoginInput>
{
    public LoginInputValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Escriba su correo electrónico.")
            .EmailAddress().WithMessage("Escriba un correo electrónico válido, por ejemplo nombre@entidad.gov.co.");
        RuleFor(x => x.Password).NotEmpty().WithMessage("Escriba su contraseña.");
    }
}

public sealed class ChangePasswordInput
{
    public string CurrentPassword { get; set; } = string.Empty;

    public string NewPassword { get; set; } = string.Empty;

    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class ChangePasswordInputValidator : AbstractValidator<ChangePasswordInput>
{
    public ChangePasswordInputValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Escriba su contraseña actual.");
        RuleFor(x => x.NewPassword).NotEmpty().WithMessage("Escriba la nueva contraseña.")
            .MinimumLength(12).WithMessage("La nueva contraseña debe tener al menos 12 caracteres.");
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage("La confirmación no coincide con la nueva contraseña.");
    }
}
