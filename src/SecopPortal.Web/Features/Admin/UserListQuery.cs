using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Admin;

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
