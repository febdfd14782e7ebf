namespace SecopPortal.Web.Infrastructure.Changes;

/// <summary>
/// Someone else changed what the user is acting on after their page was loaded: nothing of the user's change was
/// kept. Thrown by <see cref="ChangeScope"/> (when the version the user saw is not the stored one, or when the database
/// refuses the save for the same reason); every controller answers it the same way: 409, the page as it is now, and
/// <see cref="VersionMessages.Stale"/>.
/// </summary>
public sealed class ConcurrentChangeException : Exception
{
    public ConcurrentChangeException() : base(VersionMessages.Stale)
    {
    }

    public ConcurrentChangeException(string message) : base(message)
    {
    }

    public ConcurrentChangeException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>The portal's two messages about versions, the same on every page that saves under one.</summary>
public static class VersionMessages
{
    /// <summary>Someone else acted first.</summary>
    public const string Stale =
        "Otra persona hizo cambios mientras usted tenía esta página abierta: no se guardó lo que usted hizo. Esta es la información actual; revísela y vuelva a intentarlo.";

    /// <summary>The form did not carry the version (an old page, a hand-made post).</summary>
    public const string Missing = "Falta la versión de la información que usted tenía en pantalla. Recargue la página y vuelva a intentarlo.";
}
