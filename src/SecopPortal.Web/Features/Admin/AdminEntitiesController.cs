using System.Linq.Expressions;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Entities;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Infrastructure.Persistence.Configurations;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Admin;

/// <summary>Entidades Estatales: list, create, edit.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("administracion/entidades")]
public sealed class AdminEntitiesController(PublicEntityAdministration entities) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] EntityListQuery query, string? buscar, string? despues, string? antes, CancellationToken cancellationToken) =>
        View(await query.RunAsync(buscar, new PageRequest(despues, antes), cancellationToken));

    [HttpGet("nueva")]
    public IActionResult Create() => View(new EntityInput());

    [HttpPost("nueva")]
    public async Task<IActionResult> Create(EntityInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        try
        {
            await entities.CreateAsync(input, User.GetUserId(), cancellationToken);
        }
        catch (DomainException exception)
        {
            exception.AddTo(ModelState);
            return View(input);
        }

        TempData["Flash"] = $"Se creó la Entidad Estatal «{input.Name!.Trim()}».";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}/editar")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var input = await entities.FindAsync(id, cancellationToken);
        return input is null ? NotFound() : View(input);
    }

    [HttpPost("{id:int}/editar")]
    public async Task<IActionResult> Edit(int id, EntityInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Id = id;
        if (!ModelState.IsValid)
        {
            return View(input);
        }

        try
        {
            if (!await entities.UpdateAsync(id, input, User.GetUserId(), cancellationToken))
            {
                return NotFound();
            }
        }
        catch (DomainException exception)
        {
            exception.AddTo(ModelState);
            return View(input);
        }

        TempData["Flash"] = $"Se guardaron los cambios de «{input.Name!.Trim()}».";
        return RedirectToAction(nameof(Index));
    }
}

public sealed class EntityInput
{
    /// <summary>Set from the route when editing; never bound from the form.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public int? Id { get; set; }

    public string? Name { get; set; }

    public string? Nit { get; set; }
}

public sealed class EntityInputValidator : AbstractValidator<EntityInput>
{
    public EntityInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Escriba el nombre de la Entidad Estatal.")
            .MaximumLength(PublicEntity.NameMaxLength).WithMessage($"El nombre admite como máximo {PublicEntity.NameMaxLength} caracteres.");
        RuleFor(x => x.Nit).NotEmpty().WithMessage("Escriba el NIT con su dígito de verificación, por ejemplo 899999001-7.")
            .MaximumLength(25).WithMessage("El NIT es demasiado largo.");
    }
}

/// <summary>An entity as the list shows it; <see cref="ContractCount"/> stops counting past <see cref="EntityListQuery.ContractCountCap"/>.</summary>
public sealed record EntityListRow(int Id, string Name, string Nit, int ContractCount);

/// <summary>What the search box was read as: a NIT (or its first digits) or the beginning of a name.</summary>
public enum EntitySearchKind
{
    None = 0,
    Nit = 1,
    Name = 2,
}

public sealed record EntityListPage(KeysetPage<EntityListRow> Page, string? Search, EntitySearchKind SearchKind);

/// <summary>
/// One page of entities, in name order or, when searching by NIT, in NIT order; each read from its index
/// (folded name, NIT), never counted or sorted whole. Each row's contracts are counted up to a cap, on the
/// contracts' entity index.
/// </summary>
public sealed class EntityListQuery(PortalDbContext db)
{
    public const int PageSize = 20;
    public const int ContractCountCap = 1000;

    public async Task<EntityListPage> RunAsync(string? search, PageRequest request, CancellationToken cancellationToken)
    {
        var term = search?.Trim();
        var entities = db.PublicEntities.AsNoTracking();
        Expression<Func<PublicEntity, EntityListRow>> row = e => new EntityListRow(
            e.Id,
            e.Name,
            e.Nit,
            db.Contracts.Where(c => c.EntityId == e.Id).Take(ContractCountCap + 1).Count());

        if (string.IsNullOrEmpty(term))
        {
            return new EntityListPage(await ByNameAsync(entities, row, request, cancellationToken), null, EntitySearchKind.None);
        }

        if (NitSearch.TryParse(term, out var nit))
        {
            var byNit = entities.WhereStartsWith(e => e.Nit, nit.Prefix);
            if (nit.WithCheckDigit is { } exact)
            {
                // "8999990017" is the prefix 8999990017… or 899999001-7: both start with the base digits, so the
                // index reads that one range, in order, and the filter keeps either reading.
                var startsSo = PrefixSearchExtensions.StartsWith<PublicEntity>(e => e.Nit, nit.Prefix);
                Expression<Func<PublicEntity, bool>> isExact = e => e.Nit == exact;
                var either = Expression.Lambda<Func<PublicEntity, bool>>(
                    Expression.OrElse(startsSo.Body, Expression.Invoke(isExact, startsSo.Parameters[0])), startsSo.Parameters);
                byNit = entities.WhereStartsWith(e => e.Nit, exact[..exact.IndexOf('-', StringComparison.Ordinal)]).Where(either);
            }

            var page = await KeysetPaging.ReadAsync(byNit, e => e.Nit, e => e.Id, descending: false, row, request, PageSize, cancellationToken);
            return new EntityListPage(page, term, EntitySearchKind.Nit);
        }

        var folded = SearchFold.Fold(term);
        var named = folded.Length == 0 ? entities : entities.WhereStartsWith(e => EF.Property<string>(e, PublicEntityConfiguration.NormalizedName), folded);
        return new EntityListPage(await ByNameAsync(named, row, request, cancellationToken), term, EntitySearchKind.Name);
    }

    private static Task<KeysetPage<EntityListRow>> ByNameAsync(
        IQueryable<PublicEntity> entities, Expression<Func<PublicEntity, EntityListRow>> row, PageRequest request, CancellationToken cancellationToken) =>
        KeysetPaging.ReadAsync(
            entities, e => EF.Property<string>(e, PublicEntityConfiguration.NormalizedName), e => e.Id, descending: false, row, request, PageSize, cancellationToken);
}

/// <summary>Creates and edits entities; the domain checks the name and the NIT's check digit, the database its uniqueness.</summary>
public sealed class PublicEntityAdministration(PortalDbContext db, ILogger<PublicEntityAdministration> logger)
{
    public Task<EntityInput?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.PublicEntities.AsNoTracking()
            .Where(e => e.Id == id)
            .Select(e => new EntityInput { Id = e.Id, Name = e.Name, Nit = e.Nit })
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<int> CreateAsync(EntityInput input, Guid adminId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var nit = NormalizeNit(input.Nit);
        await EnsureNitIsFreeAsync(nit, exceptId: null, cancellationToken);
        PublicEntity entity;
        try
        {
            entity = new PublicEntity(input.Name ?? string.Empty, nit);
        }
        catch (DomainException exception) when (exception is not DomainValidationException)
        {
            throw OnField(nameof(EntityInput.Name), exception.Message);
        }

        db.PublicEntities.Add(entity);
        await SaveAsync(nit, cancellationToken);
        AdminLog.EntityCreated(logger, adminId, entity.Id, entity.Nit);
        return entity.Id;
    }

    public async Task<bool> UpdateAsync(int id, EntityInput input, Guid adminId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var entity = await db.PublicEntities.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entity is null)
        {
            return false;
        }

        try
        {
            entity.Rename(input.Name ?? string.Empty);
        }
        catch (DomainException exception) when (exception is not DomainValidationException)
        {
            throw OnField(nameof(EntityInput.Name), exception.Message);
        }

        var nit = NormalizeNit(input.Nit);
        await EnsureNitIsFreeAsync(nit, exceptId: id, cancellationToken);
        entity.ChangeNit(nit);
        await SaveAsync(nit, cancellationToken);
        AdminLog.EntityUpdated(logger, adminId, entity.Id, entity.Nit);
        return true;
    }

    private static string NormalizeNit(string? nit)
    {
        try
        {
            return NitNumber.Normalize(nit);
        }
        catch (DomainException exception) when (exception is not DomainValidationException)
        {
            throw OnField(nameof(EntityInput.Nit), exception.Message);
        }
    }

    private async Task EnsureNitIsFreeAsync(string nit, int? exceptId, CancellationToken cancellationToken)
    {
        if (await db.PublicEntities.AnyAsync(e => e.Nit == nit && e.Id != exceptId, cancellationToken))
        {
            throw DuplicateNit(nit);
        }
    }

    private async Task SaveAsync(string nit, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Someone registered the same NIT between our check and our insert.
            throw DuplicateNit(nit);
        }
    }

    private static DomainValidationException DuplicateNit(string nit) =>
        OnField(nameof(EntityInput.Nit), $"Ya existe una Entidad Estatal con el NIT {nit}.");

    private static DomainValidationException OnField(string field, string message) => new([new RuleViolation(field, message)]);
}
