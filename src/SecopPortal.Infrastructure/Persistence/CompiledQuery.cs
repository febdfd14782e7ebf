using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace SecopPortal.Infrastructure.Persistence;

/// <summary>
/// An EF compiled query, for a statement on the hot path (today the session read every signed-in request runs): it
/// skips building the LINQ expression, extracting its parameters and looking it up in the query cache, which
/// together were about a fifth of the portal's CPU per page. EF binds a compiled query to the first model it runs on and refuses
/// any other; the portal has one model per database provider, and the tests run SQLite and PostgreSQL in one
/// process, so this keeps one compiled delegate per model.
/// </summary>
/// <typeparam name="TDelegate">What <c>EF.CompileAsyncQuery</c> returns for the query.</typeparam>
public sealed class CompiledQuery<TDelegate>(Func<TDelegate> compile)
    where TDelegate : class
{
    private readonly ConditionalWeakTable<IModel, TDelegate> _byModel = [];

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TDelegate For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _byModel.GetValue(db.Model, _ => compile());
    }
}
