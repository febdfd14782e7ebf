using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SecopPortal.Domain.Common;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// Reads an amount in pesos the way a Colombian types it: "4500000", "4.500.000", "4.500.000,50",
/// "$ 4.500.000". A single dot followed by one or two digits ("4500000.50") is read as a decimal point,
/// as pasted from a spreadsheet; any other dot is a thousands separator.
/// </summary>
public static partial class PesoAmount
{
    public const string InvalidMessage = "Escriba un valor en pesos, por ejemplo 4.500.000 o 4.500.000,50.";

    public static bool TryParse(string? text, out decimal amount)
    {
        amount = 0m;
        var raw = (text ?? string.Empty).Replace("$", string.Empty, StringComparison.Ordinal)
            .Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("\u00a0", string.Empty, StringComparison.Ordinal);
        if (raw.Length == 0)
        {
            return false;
        }

        string integerPart;
        var fraction = string.Empty;
        var comma = raw.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            integerPart = raw[..comma];
            fraction = raw[(comma + 1)..];
            if (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))
            {
                return false;
            }
        }
        else if (DecimalPoint().IsMatch(raw))
        {
            var dot = raw.IndexOf('.', StringComparison.Ordinal);
            integerPart = raw[..dot];
            fraction = raw[(dot + 1)..];
        }
        else
        {
            integerPart = raw;
        }

        if (!integerPart.All(char.IsAsciiDigit) && !Grouped().IsMatch(integerPart))
        {
            return false;
        }

        var digits = integerPart.Replace(".", string.Empty, StringComparison.Ordinal);
        if (digits.Length is 0 or > 16)
        {
            return false;
        }

        var invariant = fraction.Length > 0 ? $"{digits}.{fraction}" : digits;
        return decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>Writes an amount for an input box as the user would type it: "4.500.000" or "4.500.000,50".</summary>
    public static string ToInputText(decimal amount) => Money.Format(amount).Replace("$ ", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+$", RegexOptions.CultureInvariant)]
    private static partial Regex Grouped();

    [GeneratedRegex(@"^\d+\.\d{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalPoint();
}

/// <summary>
/// Binds a <c>decimal?</c> money field with <see cref="PesoAmount"/>, independent of the request culture.
/// An empty box binds to null; text that is not an amount leaves a Spanish error next to the field and
/// keeps what was typed for the re-rendered form.
/// </summary>
public sealed class PesoAmountModelBinder : TextModelBinder
{
    protected override bool TryRead(string text, ModelBindingContext bindingContext, out object? value, out string message)
    {
        var read = PesoAmount.TryParse(text, out var amount);
        value = amount;
        message = read ? string.Empty : PesoAmount.InvalidMessage;
        return read;
    }
}

/// <summary>Recognises a unique-index violation on every supported provider.</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>SQL Server: duplicate key in a unique index (2601) or a unique or primary key constraint (2627).</summary>
    private const int SqlServerDuplicateKeyInIndex = 2601;
    private const int SqlServerDuplicateKeyInConstraint = 2627;

    public static bool IsUniqueViolation(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode == SqliteConstraint && sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique:
                    return true;
                case PostgresException postgres when postgres.SqlState == PostgresErrorCodes.UniqueViolation:
                    return true;
                case SqlException sqlServer when sqlServer.Number is SqlServerDuplicateKeyInIndex or SqlServerDuplicateKeyInConstraint:
                    return true;
            }
        }

        return false;
    }
}
