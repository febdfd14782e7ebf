using System.Globalization;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.Entities;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Infrastructure.Persistence.Configurations;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Admin;

/// <summary>
/// The admin lists at national size, as an admin uses them: entities by NIT or name, users by name, e-mail or
/// document, contracts by number or entity NIT; each paged with "Siguiente" and "Anterior", never counted whole.
/// </summary>
public abstract class AdminListsTests(PortalFixture fixture)
{
    private PortalFactory Factory => fixture.Factory;

    // ---- Entidades ------------------------------------------------------------------------------------------

    [Fact]
    public async Task Entities_are_found_by_nit_with_or_without_its_check_digit_and_by_the_beginning_of_the_name_in_any_case_and_accents()
    {
        var tag = Letters();
        var nit = AdminPages.NewNit(out var baseDigits);
        await AddEntityAsync($"Corporación Autónoma Ñandú {tag}", nit);
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);

        foreach (var search in new[]
                 {
                     nit, $"{baseDigits[..3]}.{baseDigits[3..6]}.{baseDigits[6..]}-{nit[^1]}", baseDigits, baseDigits + nit[^1], baseDigits[..7],
                     $"corporacion autonoma nandu {tag}", $"CORPORACIÓN AUTÓNOMA ÑANDÚ {tag.ToUpperInvariant()}", $"  Corporacion   Autonoma Nandu {tag}",
                 })
        {
            var page = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Entities}?buscar={Uri.EscapeDataString(search)}");
            Assert.True(
                page.QuerySelectorAll("tbody tr").Any(row => row.TextContent.Contains(nit, StringComparison.Ordinal)),
                $"Searching «{search}» did not list the entity {nit}.");
        }

        // The name is searched by its beginning: a word from its middle is not a match, and the page says what it searched.
        var middle = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Entities}?buscar=autonoma%20nandu%20{tag}");
        Assert.Empty(middle.QuerySelectorAll("tbody tr"));
        Assert.Contains($"Ninguna Entidad Estatal tiene un nombre que empiece por «autonoma nandu {tag}».", middle.QuerySelector(".empty")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Buscar por NIT o nombre", middle.QuerySelector("label[for=buscar]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_entity_list_pages_forward_and_back_in_name_order()
    {
        var tag = Letters();
        for (var i = 0; i < 23; i++)
        {
            await AddEntityAsync($"Paginada {tag} {i:00}", AdminPages.NewNit(out _));
        }

        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        var first = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Entities}?buscar=paginada%20{tag}");
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"Paginada {tag} {i:00}"), FirstCells(first));
        Assert.Null(first.QuerySelector(".pager a[rel=prev]"));

        var second = await PortalHttp.GetPageAsync(admin, Link(first, "next"));
        Assert.Equal(["20", "21", "22"], FirstCells(second).Select(name => name[^2..]));
        Assert.Contains("Registros 21 a 23", second.QuerySelector(".pager")!.TextContent, StringComparison.Ordinal);
        Assert.Null(second.QuerySelector(".pager a[rel=next]"));

        var back = await PortalHttp.GetPageAsync(admin, Link(second, "prev"));
        Assert.Equal(FirstCells(first), FirstCells(back));
        Assert.Contains("Registros 1 a 20", back.QuerySelector(".pager")!.TextContent, StringComparison.Ordinal);
    }

    // ---- Usuarios -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Users_are_found_by_name_without_accents_by_email_or_document_beginning_and_by_role()
    {
        var tag = Letters();
        var email = $"nuno.{tag}@prueba.gov.co";
        var document = "7" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        await AddUserAsync($"Ñuño Ávila Çelik {tag}", email, document, PortalRoles.Contractor);
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);

        foreach (var (search, kind) in new[]
                 {
                     ($"nuno avila celik {tag}", "nombre"), ($"ÑUÑO ÁVILA ÇELIK {tag.ToUpperInvariant()}", "nombre"), ($"Ñuño Ávila", "nombre"),
                     (email, "correo electrónico"), ($"NUNO.{tag.ToUpperInvariant()}@", "correo electrónico"), (document, "número de documento"),
                     (document[..6], "número de documento"),

                     // One word that is no name: the beginning of an e-mail.
                     ($"nuno.{tag}", "correo electrónico"),
                 })
        {
            var page = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar={Uri.EscapeDataString(search)}");
            Assert.True(
                page.QuerySelectorAll("tbody tr").Any(row => row.TextContent.Contains(email, StringComparison.Ordinal)),
                $"Searching «{search}» did not list {email}. The page says: {page.QuerySelector("main")?.TextContent}");
            Assert.Contains($"Usuarios cuyo {kind} empieza por", page.QuerySelector("main [role=status]")!.TextContent, StringComparison.Ordinal);
        }

        var contractors = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar={email}&rol=Contratista");
        Assert.Single(contractors.QuerySelectorAll("tbody tr"));
        var supervisors = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar={email}&rol=Supervisor");
        Assert.Empty(supervisors.QuerySelectorAll("tbody tr"));
        Assert.Contains("Ningún usuario con el rol Supervisor tiene un correo electrónico que empiece por", supervisors.QuerySelector(".empty")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_user_list_by_role_pages_forward_and_back()
    {
        var tag = Letters();
        for (var i = 0; i < 22; i++)
        {
            await AddUserAsync($"Rolpaginado {tag} {i:00}", $"rolpag{i}.{tag}@prueba.gov.co", null, i % 2 == 0 ? PortalRoles.Supervisor : PortalRoles.Contractor);
        }

        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        var all = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar=rolpaginado%20{tag}");
        Assert.Equal(20, all.QuerySelectorAll("tbody tr").Length);
        var rest = await PortalHttp.GetPageAsync(admin, Link(all, "next"));
        Assert.Equal([$"Rolpaginado {tag} 20", $"Rolpaginado {tag} 21"], FirstCells(rest));
        Assert.Equal(FirstCells(all), FirstCells(await PortalHttp.GetPageAsync(admin, Link(rest, "prev"))));

        var supervisors = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar=rolpaginado%20{tag}&rol=Supervisor");
        Assert.Equal(Enumerable.Range(0, 11).Where(i => i % 2 == 0).Select(i => $"Rolpaginado {tag} {i:00}").Concat(Enumerable.Range(11, 11).Where(i => i % 2 == 0).Select(i => $"Rolpaginado {tag} {i:00}")), FirstCells(supervisors));
        Assert.Equal("11 registros", supervisors.QuerySelector(".pager__info")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_name_written_outside_the_portal_is_folded_by_the_database_itself()
    {
        var tag = Letters();
        var email = $"fuera.{tag}@prueba.gov.co";
        var id = await AddUserAsync($"Nombre Anterior {tag}", email, null, PortalRoles.Supervisor);
        var nit = AdminPages.NewNit(out _);
        await AddEntityAsync($"Entidad Anterior {tag}", nit);
        var newName = $"  José   Ángel  MÜLLER-Øster {tag} ";
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // A bulk load or a script writes the name with plain SQL, past the portal's code.
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.FullName, newName));
            await db.PublicEntities.Where(e => e.Nit == nit).ExecuteUpdateAsync(s => s.SetProperty(e => e.Name, $"Ésta Entidad {tag}"));

            var folded = await db.Users.Where(u => u.Id == id).Select(u => u.NormalizedFullName).SingleAsync();
            Assert.Equal(SearchFold.Fold(newName), folded);
            Assert.Equal($"jose angel muller-Øster {tag}", folded);
            Assert.Equal($"esta entidad {tag}", await db.PublicEntities.Where(e => e.Nit == nit).Select(e => EF.Property<string>(e, PublicEntityConfiguration.NormalizedName)).SingleAsync());
        }

        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        var users = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar={Uri.EscapeDataString($"jose angel muller-Øster {tag}")}");
        Assert.Contains(email, Assert.Single(users.QuerySelectorAll("tbody tr")).TextContent, StringComparison.Ordinal);
        var entities = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Entities}?buscar=esta%20entidad%20{tag}");
        Assert.Contains(nit, Assert.Single(entities.QuerySelectorAll("tbody tr")).TextContent, StringComparison.Ordinal);
    }

    // ---- Contratos ------------------------------------------------------------------------------------------

    [Fact]
    public async Task Contracts_are_found_by_number_or_by_their_entitys_nit_and_paged_both_ways()
    {
        var tag = Letters().ToUpperInvariant();
        var nit = AdminPages.NewNit(out var baseDigits);
        var entityId = await AddEntityAsync($"Entidad con contratos {tag}", nit);
        var contractor = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var supervisor = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        var numbers = new List<string>();
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            for (var i = 0; i < 23; i++)
            {
                var signed = new DateOnly(2025, 1, 1).AddDays(i);
                var number = $"CO1.PCCNTR.Z{tag}{i:00}";
                numbers.Add(number);
                var details = new ContractDetails(number, "Contrato para probar la búsqueda.", ContractType.ProfessionalServices, ContractModality.DirectContracting,
                    12_000_000m, 2_000_000m, signed, signed.AddDays(1), signed.AddMonths(6), null, null, false);
                var contract = new Contract(entityId, details, contractor.Id, PersonType.NaturalPerson, supervisor.Id, DateTime.UtcNow);
                if (i % 2 == 0)
                {
                    contract.StartExecution();
                }

                db.Contracts.Add(contract);
            }

            await db.SaveChangesAsync();
        }

        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);

        // By number: in number order, a page at a time.
        var first = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Contracts}?buscar=CO1.PCCNTR.Z{tag}");
        Assert.Equal(numbers.Take(20), Numbers(first));
        var second = await PortalHttp.GetPageAsync(admin, Link(first, "next"));
        Assert.Equal(numbers.Skip(20), Numbers(second));
        Assert.Equal(numbers.Take(20), Numbers(await PortalHttp.GetPageAsync(admin, Link(second, "prev"))));
        Assert.Equal([numbers[5]], Numbers(await PortalHttp.GetPageAsync(admin, $"{AdminPages.Contracts}?buscar={numbers[5]}")));
        Assert.Equal([numbers[5]], Numbers(await PortalHttp.GetPageAsync(admin, $"{AdminPages.Contracts}?buscar={numbers[5].ToLowerInvariant()}")));

        // By the entity's NIT, written any way: its contracts, newest signature first, with the entity named.
        var newestFirst = Enumerable.Reverse(numbers).ToList();
        foreach (var search in new[] { nit, baseDigits, baseDigits + nit[^1] })
        {
            var page = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Contracts}?buscar={search}");
            Assert.Equal(newestFirst.Take(20), Numbers(page));
            Assert.Contains($"Entidad con contratos {tag} (NIT {nit})", page.QuerySelector(".filter-chip")!.TextContent, StringComparison.Ordinal);
            var rest = await PortalHttp.GetPageAsync(admin, Link(page, "next"));
            Assert.Equal(newestFirst.Skip(20), Numbers(rest));
        }

        // From the entity list: the contract count links to the entity's contracts, which the state narrows further.
        var entities = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Entities}?buscar={nit}");
        var link = Assert.Single(entities.QuerySelectorAll("tbody tr")).QuerySelector("a[href*='entidad=']")!;
        Assert.Equal("23", link.TextContent.Trim());
        var inExecution = await PortalHttp.GetPageAsync(admin, link.GetAttribute("href")! + "&estado=InExecution");
        Assert.Equal(newestFirst.Where((_, i) => i % 2 == 0), Numbers(inExecution));
        Assert.Equal("12 registros", inExecution.QuerySelector(".pager__info")!.TextContent.Trim());
        Assert.Null(inExecution.QuerySelector("select[name=entidad]"));
    }

    [Fact]
    public async Task The_list_of_every_contract_pages_by_signature_date_without_counting()
    {
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        var contractor = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var supervisor = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        for (var i = 0; i < 21; i++)
        {
            await TestUsers.CreateContractAsync(Factory, contractor.Id, supervisor.Id, signedOn: new DateOnly(2031, 1, 1).AddDays(i));
        }

        foreach (var url in new[] { AdminPages.Contracts, "/contratos?vista=todos" })
        {
            var first = await PortalHttp.GetPageAsync(admin, url);
            var dates = first.QuerySelectorAll("tbody tr").Select(r => DateOnly.ParseExact(r.QuerySelector("td[data-label='Fecha de firma']")!.TextContent.Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(20, dates.Count);
            Assert.Equal(new DateOnly(2031, 1, 21), dates[0]);
            Assert.Equal(dates.OrderByDescending(d => d), dates);
            Assert.Equal("Registros 1 a 20", first.QuerySelector(".pager__info")!.TextContent.Trim());
            var next = await PortalHttp.GetPageAsync(admin, Link(first, "next"));
            Assert.Contains("Registros 21 a", next.QuerySelector(".pager__info")!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("Página", next.QuerySelector(".pager")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_cursor_that_does_not_parse_shows_the_first_page()
    {
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);

        foreach (var url in new[] { AdminPages.Contracts, AdminPages.Users, AdminPages.Entities })
        {
            var first = await PortalHttp.GetPageAsync(admin, url);
            var broken = await PortalHttp.GetPageAsync(admin, $"{url}?despues=no-es-un-cursor&antes=%%");
            Assert.Equal(FirstCells(first), FirstCells(broken));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /// <summary>A tag of letters only, so a search for it is never read as a document number.</summary>
    private static string Letters() => string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + (c % 26))));

    private static List<string> FirstCells(IHtmlDocument page) =>
        page.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();

    private static List<string> Numbers(IHtmlDocument page) =>
        page.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("td[data-label='Número del contrato']")!.TextContent.Trim()).ToList();

    private static string Link(IHtmlDocument page, string rel)
    {
        var href = page.QuerySelector($".pager a[rel={rel}]")?.GetAttribute("href");
        Assert.True(href is not null, $"The page has no «{rel}» link. Pager: {page.QuerySelector(".pager, .pager__info")?.TextContent}");
        return System.Net.WebUtility.HtmlDecode(href);
    }

    private async Task<int> AddEntityAsync(string name, string nit)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entity = new PublicEntity(name, nit);
        db.PublicEntities.Add(entity);
        await db.SaveChangesAsync();
        return entity.Id;
    }

    private async Task<Guid> AddUserAsync(string fullName, string email, string? document, string role)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = fullName,
            PersonType = PersonType.NaturalPerson,
            DocumentType = document is null ? null : DocumentType.CedulaDeCiudadania,
            DocumentNumber = document,
            CreatedAtUtc = DateTime.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, TestUsers.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }
}

[Collection(SqlitePortal.Name)]
public sealed class AdminListsTestsOnSqlite(SqlitePortalFixture fixture) : AdminListsTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class AdminListsTestsOnPostgres(PostgresPortalFixture fixture) : AdminListsTests(fixture);
