using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Auditing;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// Readable query values for the enums that filters put in the address bar: the Spanish name the UI shows, written as
/// a slug (<c>?estado=en-ejecucion</c>, <c>?tipo=cierre-de-sesion</c>) instead of the code's name
/// (<c>InExecution</c>), which is still read so that old bookmarks keep working. An enum gets its slugs by being listed
/// in <see cref="Names"/> with where its Spanish names come from; <see cref="QueryValueModelBinderProvider"/> then
/// binds it from any query value and links write it with <see cref="Of{TEnum}(TEnum)"/>.
/// </summary>
public static class QueryValues
{
    /// <summary>Each enum with readable query values, and its Spanish name for a value (the label the UI shows).</summary>
    private static readonly FrozenDictionary<Type, Func<Enum, string>> Names = new Dictionary<Type, Func<Enum, string>>
    {
        [typeof(ContractStatus)] = value => ((ContractStatus)value).ToLabel(),
        [typeof(AuditKind)] = value => ((AuditKind)value).ToLabel(),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<Type, Table> Tables = Names.ToFrozenDictionary(pair => pair.Key, pair => Table.For(pair.Key, pair.Value));

    /// <summary>The enums that have readable query values.</summary>
    public static IReadOnlyCollection<Type> Enums => Names.Keys;

    public static bool Handles(Type type) => Names.ContainsKey(type);

    /// <summary>The query value of <paramref name="value"/>: "en-ejecucion" for <c>ContractStatus.InExecution</c>.</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => TableOf(typeof(TEnum)).Slugs[value];

    /// <summary>The non-generic <see cref="Of{TEnum}(TEnum)"/>.</summary>
    public static string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TableOf(value.GetType()).Slugs[value];
    }

    /// <summary>The query value of <paramref name="value"/>, or null (no value in the link) for null.</summary>
    public static string? Of<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } present ? Of(present) : null;

    /// <summary>
    /// Reads a query value: the slug ("en-ejecucion") or, from older links, the code's name ("InExecution"), either in
    /// any case. Numbers and unknown names are not values.
    /// </summary>
    public static bool TryRead<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        if (TryRead(typeof(TEnum), text, out var read))
        {
            value = (TEnum)read;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The non-generic <see cref="TryRead{TEnum}(string?, out TEnum)"/>, for the model binder.</summary>
    public static bool TryRead(Type enumType, string? text, out Enum value)
    {
        value = null!;
        var typed = text?.Trim();
        if (string.IsNullOrEmpty(typed))
        {
            return false;
        }

        var table = TableOf(enumType);
        if (table.BySlug.TryGetValue(typed, out var bySlug))
        {
            value = bySlug;
            return true;
        }

        if (table.ByName.TryGetValue(typed, out var byName))
        {
            value = byName;
            return true;
        }

        return false;
    }

    /// <summary>"Cuenta de cobro reabierta (Registro)" → "cuenta-de-cobro-reabierta-registro": lower case, no accents, words joined by "-".</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingDash = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingDash && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }
        }

        return builder.ToString();
    }

    private static Table TableOf(Type enumType) =>
        Tables.TryGetValue(enumType, out var table)
            ? table
            : throw new InvalidOperationException($"{enumType.Name} has no readable query values: list it in {nameof(QueryValues)}.{nameof(Names)}.");

    private sealed record Table(FrozenDictionary<Enum, string> Slugs, FrozenDictionary<string, Enum> BySlug, FrozenDictionary<string, Enum> ByName)
    {
        public static Table For(Type enumType, Func<Enum, string> name)
        {
            var values = Enum.GetValues(enumType).Cast<Enum>().ToList();
            var slugs = values.ToDictionary(value => value, value => Slug(name(value)));
            return new Table(
                slugs.ToFrozenDictionary(),
                slugs.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase),
                values.ToFrozenDictionary(value => value.ToString(), value => value, StringComparer.OrdinalIgnoreCase));
        }
    }
}

/// <summary>
/// Binds the enums of <see cref="QueryValues"/> (and their nullable forms) from a slug or an old English name. An empty
/// value binds to nothing (null); an unknown one is an error on that field, as any value that cannot be read.
/// </summary>
public sealed class QueryValueModelBinder(Type enumType) : TextModelBinder
{
    /// <summary>An empty filter value leaves the filter unset.</summary>
    protected override bool EmptyIsErrorWhenNotNullable => false;

    protected override bool TryRead(string text, ModelBindingContext bindingContext, out object? value, out string message)
    {
        var read = QueryValues.TryRead(enumType, text, out var enumValue);
        value = enumValue;
        message = read ? string.Empty : bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(
            text, bindingContext.ModelMetadata.Name ?? bindingContext.ModelName);
        return read;
    }
}

/// <summary>Puts <see cref="QueryValueModelBinder"/> in charge of every enum listed in <see cref="QueryValues"/>.</summary>
public sealed class QueryValueModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return QueryValues.Handles(type) ? new QueryValueModelBinder(type) : null;
    }
}
