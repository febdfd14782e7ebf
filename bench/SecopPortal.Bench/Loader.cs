using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using NpgsqlTypes;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Bench;

/// <summary>
/// Loads a national data set into a freshly migrated PostgreSQL database with set-based SQL
/// (<c>INSERT … SELECT … FROM generate_series</c>), two connections at a time (the machine has two cores):
/// secondary indexes and foreign keys are dropped first and recreated after, then everything is vacuumed and
/// analysed. Every value is a pure function of a row number (hashed with <c>hashint8extended</c> or md5; no
/// gen_random_uuid, which costs a system call per row), so two loads
/// of the same size hold the same data and the payment requests are derived from the contracts already written.
/// </summary>
/// <remarks>
/// Shape (per generic contract i): about ten monthly payment requests with consecutive Sequence (1..n, 4 ≤ n ≤ 16),
/// one per month from the contract's start; 70 % of contracts are in execution and bill up to last month, the
/// rest ended earlier. The last request of a contract in execution is Sent (12 %), Rejected (3 %), a draft
/// (En edición 4 %, Pendiente de registro 2 %), Approved (29 %) or Paid (50 %); earlier ones are Paid (or Approved
/// just before an open one). SendCount matches the state (0 for drafts never sent, 2 for the 5 % that were
/// rejected once and sent again, their reason kept). Payment-request history and attachments are not generated:
/// no benchmarked page reads them.
/// </remarks>
public sealed class Loader(string connectionString, DataShape shape, TextWriter log)
{
    private static readonly string[] Tables =
    [
        "AspNetRoles", "AspNetUsers", "AspNetUserRoles", "PublicEntities", "Contracts", "ExecutionDocuments", "PaymentRequests",
    ];

    private static readonly Guid ContractorRoleId = new("a0000000-0000-4000-8000-000000000001");
    private static readonly Guid SupervisorRoleId = new("a0000000-0000-4000-8000-000000000002");
    private static readonly Guid AdminRoleId = new("a0000000-0000-4000-8000-000000000003");

    private readonly Dictionary<string, double> _steps = [];
    private readonly DateOnly _today = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The first month not billed yet: requests cover the months before it. At least ten days ago.</summary>
    private DateOnly ReferenceMonth
    {
        get
        {
            var d = _today.AddDays(-10);
            return new DateOnly(d.Year, d.Month, 1);
        }
    }

    public async Task<DataSetInfo> RunAsync()
    {
        var total = Stopwatch.StartNew();
        var hash = new PasswordHasher<object>().HashPassword(new object(), NamedAccounts.Password);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        await StepAsync("prepare (helpers, drop secondary indexes and foreign keys)", () => PrepareAsync(dataSource));
        await StepAsync("users, roles, entities || contracts", () => Task.WhenAll(
            InSessionAsync(dataSource, async c =>
            {
                await LoadEntitiesAsync(c);
                await LoadUsersAsync(c, hash);
            }),
            InSessionAsync(dataSource, LoadContractsAsync)));
        var half = shape.Contracts / 2;
        await StepAsync("payment requests (two halves in parallel), execution documents", () => Task.WhenAll(
            InSessionAsync(dataSource, c => ExecAsync(c, PaymentRequestsSql(1, half))),
            InSessionAsync(dataSource, async c =>
            {
                await ExecAsync(c, PaymentRequestsSql(half + 1, shape.Contracts));
                await ExecAsync(c, ExecutionDocumentsSql(1, shape.Contracts));
            })));
        var info = await StepAsync("named accounts (admin, supervisor, contractor with the 36-month contract)", () => InSessionAsync(dataSource, LoadNamedAsync));
        await StepAsync("recreate secondary indexes", () => RecreateIndexesAsync(dataSource));
        await StepAsync("recreate foreign keys (validated)", () => InSessionAsync(dataSource, RecreateForeignKeysAsync));
        await StepAsync("verify the rows against the domain's rules", () => InSessionAsync(dataSource, VerifyAsync));
        await StepAsync("vacuum analyze", () => Task.WhenAll(
            InSessionAsync(dataSource, c => ExecAsync(c, """VACUUM (ANALYZE) "PaymentRequests";""")),
            InSessionAsync(dataSource, async c =>
            {
                foreach (var table in Tables.Where(t => t != "PaymentRequests"))
                {
                    await ExecAsync(c, $"""VACUUM (ANALYZE) "{table}";""");
                }
            })));
        total.Stop();

        info.LoadSeconds = Math.Round(total.Elapsed.TotalSeconds, 1);
        info.StepSeconds = _steps;
        info.GenericContracts = shape.Contracts;
        await using (var c = await dataSource.OpenConnectionAsync())
        {
            foreach (var table in Tables.Append("AspNetUserRoles").Distinct())
            {
                info.RowCounts[table] = await ScalarAsync<long>(c, $"""SELECT count(*) FROM "{table}";""");
            }

            info.RowCounts["Supervisors"] = await ScalarAsync<long>(c, $"""SELECT count(*) FROM "AspNetUserRoles" WHERE "RoleId" = '{SupervisorRoleId}';""");
            await ExecAsync(c, "DROP SCHEMA bench CASCADE;");
        }

        return info;
    }

    private async Task StepAsync(string name, Func<Task> step) => await StepAsync(name, async () =>
    {
        await step();
        return true;
    });

    private async Task<T> StepAsync<T>(string name, Func<Task<T>> step)
    {
        var watch = Stopwatch.StartNew();
        await log.WriteLineAsync($"    load: {name} …");
        var result = await step();
        _steps[name] = Math.Round(watch.Elapsed.TotalSeconds, 1);
        await log.WriteLineAsync($"    load: {name} took {watch.Elapsed.TotalSeconds:F1}s");
        return result;
    }

    private static async Task<T> InSessionAsync<T>(NpgsqlDataSource dataSource, Func<NpgsqlConnection, Task<T>> work)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await ExecAsync(connection, "SET TimeZone = 'UTC'; SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'; SET synchronous_commit = off;");
        return await work(connection);
    }

    private static async Task InSessionAsync(NpgsqlDataSource dataSource, Func<NpgsqlConnection, Task> work) =>
        await InSessionAsync(dataSource, async c =>
        {
            await work(c);
            return true;
        });

    internal static async Task ExecAsync(NpgsqlConnection connection, string sql, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(DateOnly value) => $"DATE '{value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    /// <summary>An enum value as the SQL literal EF stores (HasConversion&lt;string&gt;).</summary>
    private static string Q(Enum value) => $"'{value}'";

    private static string Array(params string[] values) => "(ARRAY[" + string.Join(", ", values.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'")) + "])";

    // ---------------------------------------------------------------------------------------------------------------
    // Preparation: helper functions, and the secondary indexes and foreign keys saved then dropped.
    // ---------------------------------------------------------------------------------------------------------------
    private async Task PrepareAsync(NpgsqlDataSource dataSource)
    {
        await using var c = await dataSource.OpenConnectionAsync();
        var existing = await ScalarAsync<long>(c, """SELECT count(*) FROM "Contracts";""");
        if (existing > 0)
        {
            throw new InvalidOperationException("The database already holds contracts: load into a freshly migrated database.");
        }

        var tableList = string.Join(", ", Tables.Select(t => $"'{t}'"));
        await ExecAsync(c, $"""
            DROP SCHEMA IF EXISTS bench CASCADE;
            CREATE SCHEMA bench;
            -- A non-negative 63-bit hash of a row number: the loader's only source of variety.
            CREATE FUNCTION bench.h(x bigint, seed int) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT hashint8extended(x, seed) & 9223372036854775807 $$;
            CREATE FUNCTION bench.ts(d date, t interval) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT (d + t) AT TIME ZONE 'UTC' $$;
            CREATE FUNCTION bench.contractor_id(k bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT md5('contractor:' || k)::uuid $$;
            CREATE FUNCTION bench.supervisor_id(s bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT md5('supervisor:' || s)::uuid $$;

            CREATE TABLE bench.saved_indexes AS
                SELECT i.tablename, i.indexname, i.indexdef
                FROM pg_indexes i
                WHERE i.schemaname = 'public' AND i.tablename IN ({tableList})
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass);
            CREATE TABLE bench.saved_foreign_keys AS
                SELECT k.conrelid::regclass::text AS tablename, k.conname, pg_get_constraintdef(k.oid) AS definition
                FROM pg_constraint k
                WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace
                  AND (k.conrelid::regclass::text IN ({string.Join(", ", Tables.Select(t => $"'\"{t}\"'"))})
                       OR k.confrelid::regclass::text IN ({string.Join(", ", Tables.Select(t => $"'\"{t}\"'"))}));
            DO $$
            DECLARE r record;
            BEGIN
                FOR r IN SELECT * FROM bench.saved_foreign_keys LOOP
                    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tablename, r.conname);
                END LOOP;
                FOR r IN SELECT * FROM bench.saved_indexes LOOP
                    EXECUTE format('DROP INDEX public.%I', r.indexname);
                END LOOP;
            END $$;
            """);
        var indexes = await ScalarAsync<long>(c, "SELECT count(*) FROM bench.saved_indexes;");
        var keys = await ScalarAsync<long>(c, "SELECT count(*) FROM bench.saved_foreign_keys;");
        await log.WriteLineAsync($"    load: dropped {indexes} secondary indexes and {keys} foreign keys (recreated after the load)");
    }

    private static async Task RecreateIndexesAsync(NpgsqlDataSource dataSource)
    {
        List<(string Table, string Definition)> indexes = [];
        await using (var c = await dataSource.OpenConnectionAsync())
        {
            await using var command = new NpgsqlCommand("SELECT tablename, indexdef FROM bench.saved_indexes ORDER BY tablename, indexname;", c);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        // Two lanes, the biggest table's indexes split between them.
        var lanes = new[] { new List<string>(), new List<string>() };
        var ordered = indexes.OrderByDescending(i => i.Table == "PaymentRequests").ThenByDescending(i => i.Table == "AspNetUsers").ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            lanes[i % 2].Add(ordered[i].Definition);
        }

        await Task.WhenAll(lanes.Select(lane => InSessionAsync(dataSource, async c =>
        {
            foreach (var definition in lane)
            {
                await ExecAsync(c, definition + ";");
            }
        })));
    }

    private static async Task RecreateForeignKeysAsync(NpgsqlConnection c) => await ExecAsync(c, """
        DO $$
        DECLARE r record;
        BEGIN
            FOR r IN SELECT * FROM bench.saved_foreign_keys ORDER BY tablename, conname LOOP
                EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.tablename, r.conname, r.definition);
            END LOOP;
        END $$;
        """);

    /// <summary>
    /// The rules a loaded payment request must keep (beyond the unique (ContractId, Sequence) index and the foreign
    /// keys, already checked when they were recreated): fails the load on the first broken one.
    /// </summary>
    private static async Task VerifyAsync(NpgsqlConnection c)
    {
        var paid = Q(PaymentRequestStatus.Paid);
        var approved = Q(PaymentRequestStatus.Approved);
        (string Rule, string Condition)[] rules =
        [
            ("the request's contractor is the contract's", """p."ContractorId" <> c."ContractorId" """),
            ("the period lies inside the contract's term", """p."PeriodFrom" < c."StartsOn" OR p."PeriodTo" > c."EndsOn" """),
            ("sent, reviewed and paid requests were sent at least once", $"""p."Status" NOT IN ({Q(PaymentRequestStatus.Editing)}, {Q(PaymentRequestStatus.PendingRegistration)}) AND p."SendCount" = 0"""),
            ("a Pendiente de registro request was never sent in this data set", $"""p."Status" = {Q(PaymentRequestStatus.PendingRegistration)} AND p."SendCount" > 0"""),
            ("approved and paid requests carry their RP, paid ones their payment date", $"""(p."Status" IN ({approved}, {paid}) AND p."ApprovedRpNumber" IS NULL) OR ((p."Status" = {paid}) <> (p."PaidOn" IS NOT NULL))"""),
            ("a rejected request has its reason", $"""p."Status" = {Q(PaymentRequestStatus.Rejected)} AND p."RejectionReason" IS NULL"""),
            ("total ≥ net > 0, paid on or after the issue date", """p."TotalValue" < p."NetValue" OR p."NetValue" <= 0 OR p."PaidOn" < p."IssuedOn" """),
        ];
        var checks = string.Join(",\n", rules.Select((r, i) => $"count(*) FILTER (WHERE {r.Condition}) AS rule{i}"));
        await using var command = new NpgsqlCommand($"""
            SELECT {checks}
            FROM "PaymentRequests" p JOIN "Contracts" c ON c."Id" = p."ContractId";
            """, c) { CommandTimeout = 0 };
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            for (var i = 0; i < rules.Length; i++)
            {
                if (reader.GetInt64(i) > 0)
                {
                    throw new BenchException($"loaded data breaks a rule ({reader.GetInt64(i)} payment requests): {rules[i].Rule}");
                }
            }
        }

        var overBilled = await ScalarAsync<long>(c, $"""
            SELECT count(*) FROM (
                SELECT p."ContractId" FROM "PaymentRequests" p JOIN "Contracts" c ON c."Id" = p."ContractId"
                WHERE p."Status" <> {Q(PaymentRequestStatus.Rejected)}
                GROUP BY p."ContractId", c."TotalValue" HAVING sum(p."TotalValue") > c."TotalValue") over_billed;
            """);
        if (overBilled > 0)
        {
            throw new BenchException($"loaded data breaks a rule ({overBilled} contracts): non-rejected requests never exceed the contract value");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Entities, users and roles.
    // ---------------------------------------------------------------------------------------------------------------
    private static readonly string[] EntityKinds =
    [
        "Alcaldía de", "Gobernación de", "Hospital San Rafael de", "Secretaría de Educación de", "Instituto de Tránsito de",
        "Empresa de Servicios Públicos de", "Personería de", "Concejo Municipal de", "Instituto de Deportes de", "E.S.E. Hospital Local de",
    ];

    private static readonly string[] Places =
    [
        "Bogotá", "Medellín", "Cali", "Barranquilla", "Cartagena", "Cúcuta", "Bucaramanga", "Pereira", "Santa Marta", "Ibagué",
        "Pasto", "Manizales", "Neiva", "Villavicencio", "Armenia", "Valledupar", "Montería", "Sincelejo", "Popayán", "Tunja",
        "Riohacha", "Florencia", "Quibdó", "Yopal", "Mocoa", "Leticia", "Arauca", "San Andrés", "Inírida", "Mitú",
        "Puerto Carreño", "San José del Guaviare", "Soacha", "Bello", "Itagüí", "Envigado", "Palmira", "Buenaventura", "Tuluá", "Girardot",
    ];

    private static readonly string[] FirstNames =
    [
        "María", "José", "Luis", "Ana", "Carlos", "Juan", "Laura", "Andrés", "Diana", "Jorge", "Paola", "Sandra", "Miguel", "Camila", "Felipe",
        "Natalia", "Óscar", "Valentina", "Julián", "Carolina", "Santiago", "Daniela", "Alejandro", "Marcela", "Sebastián", "Lina", "Ricardo",
        "Adriana", "Hernán", "Claudia",
    ];

    private static readonly string[] LastNames =
    [
        "Rodríguez", "Gómez", "González", "Martínez", "García", "López", "Hernández", "Sánchez", "Ramírez", "Pérez", "Díaz", "Muñoz", "Rojas",
        "Moreno", "Jiménez", "Vargas", "Castro", "Gutiérrez", "Ortiz", "Suárez", "Torres", "Romero", "Herrera", "Valencia", "Quintero",
        "Restrepo", "Cárdenas", "Mejía", "Ospina", "Zapata",
    ];

    private async Task LoadEntitiesAsync(NpgsqlConnection c)
    {
        // Valid NITs (DIAN check digit from the domain), written with binary COPY.
        await using (var importer = await c.BeginBinaryImportAsync("""COPY "PublicEntities" ("Id", "Name", "Nit") FROM STDIN (FORMAT BINARY)"""))
        {
            var combinations = EntityKinds.Length * Places.Length;
            for (var e = 1; e <= shape.Entities; e++)
            {
                var kind = EntityKinds[(e - 1) % EntityKinds.Length];
                var place = Places[(e - 1) / EntityKinds.Length % Places.Length];
                var round = (e - 1) / combinations;
                var name = round == 0 ? $"{kind} {place}" : $"{kind} {place} {N(round + 1)}";
                var nitBase = N(800_000_000L + (e * 7919L % 99_999_999L));
                await importer.StartRowAsync();
                await importer.WriteAsync(e, NpgsqlDbType.Integer);
                await importer.WriteAsync(name, NpgsqlDbType.Varchar);
                await importer.WriteAsync($"{nitBase}-{N(NitNumber.CheckDigit(nitBase))}", NpgsqlDbType.Varchar);
            }

            await importer.CompleteAsync();
        }

        await ExecAsync(c, $"""SELECT setval(pg_get_serial_sequence('"PublicEntities"', 'Id'), {N(shape.Entities)});""");
    }

    private const string UserColumns = """
        ("Id", "FullName", "PersonType", "DocumentType", "DocumentNumber", "IsActive", "CreatedAtUtc", "UserName", "NormalizedUserName",
         "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumber",
         "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnd", "LockoutEnabled", "AccessFailedCount")
        """;

    private static string PersonName(string key) =>
        $"{Array(FirstNames)}[1 + bench.h({key}, 4) % {FirstNames.Length}] || ' ' || {Array(LastNames)}[1 + bench.h({key}, 5) % {LastNames.Length}]"
        + $" || ' ' || {Array(LastNames)}[1 + bench.h({key}, 6) % {LastNames.Length}]";

    private async Task LoadUsersAsync(NpgsqlConnection c, string passwordHash)
    {
        var hash = new NpgsqlParameter("hash", NpgsqlDbType.Text) { Value = passwordHash };
        await ExecAsync(c, $"""
            INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp") VALUES
                ('{ContractorRoleId}', 'Contratista', 'CONTRATISTA', '{Guid.NewGuid()}'),
                ('{SupervisorRoleId}', 'Supervisor', 'SUPERVISOR', '{Guid.NewGuid()}'),
                ('{AdminRoleId}', 'Administrador', 'ADMINISTRADOR', '{Guid.NewGuid()}');
            """);

        // Contractors: 15 % legal persons (companies with a NIT), the rest natural persons with a cédula.
        await ExecAsync(c, $"""
            INSERT INTO "AspNetUsers" {UserColumns}
            SELECT bench.contractor_id(k),
                   CASE WHEN p.legal
                        THEN {Array("Soluciones", "Consultores", "Ingeniería", "Servicios", "Construcciones", "Suministros", "Tecnología", "Inversiones")}[1 + bench.h(k, 4) % 8]
                             || ' ' || {Array("Andinos", "del Caribe", "del Pacífico", "Integrales", "Nacionales", "del Llano", "de Occidente", "Unidos")}[1 + bench.h(k, 5) % 8]
                             || ' S.A.S.'
                        ELSE {PersonName("k")} END,
                   CASE WHEN p.legal THEN {Q(PersonType.LegalPerson)} ELSE {Q(PersonType.NaturalPerson)} END,
                   CASE WHEN p.legal THEN {Q(DocumentType.Nit)} ELSE {Q(DocumentType.CedulaDeCiudadania)} END,
                   CASE WHEN p.legal THEN (900000000 + k)::text ELSE (1000000000 + k)::text END,
                   true, bench.ts(DATE '2019-01-01' + (bench.h(k, 7) % 2000)::int, interval '12 hours'),
                   p.email, upper(p.email), p.email, upper(p.email), true, @hash,
                   upper(md5('stamp:' || k)), md5('concurrency:' || k)::uuid::text, NULL, false, false, NULL, true, 0
            FROM generate_series(1, {N(shape.Contractors)}) AS k
            CROSS JOIN LATERAL (SELECT bench.h(k, 3) % 100 < 15 AS legal, 'contratista' || k || '@correo.test' AS email) p;
            """, hash);

        // Supervisors: officials of one entity each.
        await ExecAsync(c, $"""
            INSERT INTO "AspNetUsers" {UserColumns}
            SELECT bench.supervisor_id(s), {PersonName("s + 7777777")}, NULL, {Q(DocumentType.CedulaDeCiudadania)}, (50000000 + s)::text,
                   true, bench.ts(DATE '2018-01-01' + (bench.h(s, 8) % 2000)::int, interval '12 hours'),
                   p.email, upper(p.email), p.email, upper(p.email), true, @hash,
                   upper(md5('stamp:s' || s)), md5('concurrency:s' || s)::uuid::text, NULL, false, false, NULL, true, 0
            FROM generate_series(1, {N(shape.Supervisors)}) AS s
            CROSS JOIN LATERAL (SELECT 'supervisor' || s || '@entidad' || (1 + (s - 1) % {N(shape.Entities)}) || '.gov.co' AS email) p;
            """, hash.Clone());

        await ExecAsync(c, $"""
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
            SELECT bench.contractor_id(k), '{ContractorRoleId}' FROM generate_series(1, {N(shape.Contractors)}) AS k;
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
            SELECT bench.supervisor_id(s), '{SupervisorRoleId}' FROM generate_series(1, {N(shape.Supervisors)}) AS s;
            """);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Contracts, payment requests, execution documents.
    // ---------------------------------------------------------------------------------------------------------------
    private const string ContractColumns = """
        ("Id", "EntityId", "Number", "Purpose", "Type", "Modality", "TotalValue", "MonthlyFee", "SignedOn", "StartsOn", "EndsOn",
         "CdpNumber", "RpNumber", "Status", "RequiresElectronicInvoice", "ContractorId", "ContractorPersonType", "SupervisorId",
         "CreatedAtUtc", "ConcurrencyStamp")
        """;

    private static readonly string[] ServicePurposes =
    [
        "Prestar servicios profesionales para apoyar la gestión contractual de la entidad",
        "Prestar servicios de apoyo a la gestión en el área de atención al ciudadano",
        "Prestar servicios profesionales de asesoría jurídica a la Secretaría General",
        "Prestar servicios profesionales para el seguimiento de proyectos de infraestructura",
        "Prestar servicios de apoyo a la gestión documental y de archivo",
        "Prestar servicios profesionales en el área de sistemas de información",
    ];

    private static readonly string[] CompanyPurposes =
    [
        "Suministro de elementos de papelería y útiles de oficina",
        "Construcción y mejoramiento de vías terciarias del municipio",
        "Interventoría técnica, administrativa y financiera del contrato de obra",
        "Mantenimiento preventivo y correctivo del parque automotor",
        "Arrendamiento de inmueble para el funcionamiento de la sede administrativa",
        "Suministro de alimentos para el programa de alimentación escolar",
    ];

    private async Task LoadContractsAsync(NpgsqlConnection c)
    {
        var reference = D(ReferenceMonth);
        string[] companyTypes =
        [
            nameof(ContractType.Supply), nameof(ContractType.Works), nameof(ContractType.Consultancy), nameof(ContractType.Purchase),
            nameof(ContractType.Lease), nameof(ContractType.ProfessionalServices), nameof(ContractType.Other),
        ];
        string[] companyModalities =
        [
            nameof(ContractModality.PublicTender), nameof(ContractModality.AbbreviatedSelection), nameof(ContractModality.MeritContest),
            nameof(ContractModality.MinimumAmount), nameof(ContractModality.SpecialRegime), nameof(ContractModality.DirectContracting),
        ];
        await ExecAsync(c, $"""
            INSERT INTO "Contracts" {ContractColumns}
            SELECT i, 1 + (a.s - 1) % {N(shape.Entities)}, 'CO1.PCCNTR.' || (1000000 + i),
                   CASE WHEN b.legal THEN {Array(CompanyPurposes)}[1 + bench.h(i, 17) % {CompanyPurposes.Length}]
                        ELSE {Array(ServicePurposes)}[1 + bench.h(i, 17) % {ServicePurposes.Length}] END,
                   CASE WHEN b.legal THEN {Array(companyTypes)}[1 + bench.h(i, 16) % {companyTypes.Length}]
                        WHEN bench.h(i, 16) % 10 = 0 THEN {Q(ContractType.Consultancy)} ELSE {Q(ContractType.ProfessionalServices)} END,
                   CASE WHEN b.legal THEN {Array(companyModalities)}[1 + bench.h(i, 18) % {companyModalities.Length}]
                        ELSE {Q(ContractModality.DirectContracting)} END,
                   f.fee * f.months, f.fee, d.starts - (bench.h(i, 19) % 10)::int, d.starts, d.ends,
                   'CDP-' || (100000 + bench.h(i, 20) % 900000), 'RP-' || (100000 + bench.h(i, 21) % 900000),
                   b.status, b.legal, bench.contractor_id(a.k),
                   CASE WHEN b.legal THEN {Q(PersonType.LegalPerson)} ELSE {Q(PersonType.NaturalPerson)} END,
                   bench.supervisor_id(a.s), bench.ts(d.starts - (bench.h(i, 19) % 10)::int, interval '15 hours'),
                   md5('contract-stamp:' || i)::uuid
            FROM generate_series(1, {N(shape.Contracts)}) AS i
            CROSS JOIN LATERAL (SELECT 1 + (i - 1) % {N(shape.Contractors)} AS k, 1 + bench.h(i, 11) % {N(shape.Supervisors)} AS s,
                                       (4 + bench.h(i, 12) % 13)::int AS n, bench.h(i, 13) % 100 AS st) a
            CROSS JOIN LATERAL (SELECT bench.h(a.k, 3) % 100 < 15 AS legal,
                                       CASE WHEN a.st < 68 THEN {Q(ContractStatus.InExecution)} WHEN a.st < 70 THEN {Q(ContractStatus.Suspended)}
                                            WHEN a.st < 85 THEN {Q(ContractStatus.Terminated)} WHEN a.st < 98 THEN {Q(ContractStatus.Closed)}
                                            ELSE {Q(ContractStatus.Cancelled)} END AS status) b
            CROSS JOIN LATERAL (SELECT CASE WHEN b.legal THEN round((5000000 + bench.h(i, 15) % 95001 * 1000) * 1.19, 0)
                                            ELSE (2000000 + bench.h(i, 15) % 10001 * 1000)::numeric END AS fee,
                                       CASE WHEN a.st < 70 THEN a.n + 1 + (bench.h(i, 14) % 12)::int ELSE a.n END AS months,
                                       CASE WHEN a.st < 70 THEN 0 ELSE 1 + (bench.h(i, 14) % 36)::int END AS lag) f
            CROSS JOIN LATERAL (SELECT (({reference} - make_interval(months => a.n + f.lag))::date) AS starts) s0
            CROSS JOIN LATERAL (SELECT s0.starts, (s0.starts + make_interval(months => f.months) - interval '1 day')::date AS ends) d;
            """);
    }

    private static readonly string[] RejectionReasons =
    [
        "La planilla de seguridad social no corresponde al periodo cobrado.",
        "El informe de actividades no está firmado por el contratista.",
        "El valor cobrado no coincide con el plan de pagos del contrato.",
    ];

    private const string PaymentRequestColumns = """
        ("ContractId", "Sequence", "Status", "ContractorId", "IssuesElectronicInvoice", "Cufe", "InvoiceNumber", "PeriodFrom", "PeriodTo",
         "IssuedOn", "DueOn", "ReceivedOn", "FilingNumber", "NetValue", "TotalValue", "Notes", "PilaNumber", "PilaPaidOn",
         "RejectionReason", "ApprovedRpNumber", "PaidOn", "SendCount", "CreatedAtUtc", "UpdatedAtUtc", "ConcurrencyStamp")
        """;

    /// <summary>
    /// The payment-request columns for contract <c>c</c>, sequence <c>j</c>, state <c>st.status</c> and send count
    /// <c>st.sends</c>, with <c>x.h</c> a hash of the row: shared by the generic and the named requests.
    /// </summary>
    private string PaymentRequestSelect(string from) => $"""
        SELECT c."Id", j, st.status, c."ContractorId", c."RequiresElectronicInvoice",
               CASE WHEN c."RequiresElectronicInvoice" THEN encode(sha384(convert_to('cufe:' || c."Id" || ':' || j, 'UTF8')), 'hex') END,
               CASE WHEN c."RequiresElectronicInvoice" THEN 'FE-' || c."Id" || '-' || j ELSE 'Pago ' || lpad(j::text, 3, '0') END,
               p.pfrom, p.pto, p.issued, (date_trunc('month', p.issued) + interval '1 month - 1 day')::date, p.received, j::text,
               CASE WHEN c."RequiresElectronicInvoice" THEN round(c."MonthlyFee" / 1.19, 2) ELSE c."MonthlyFee" END, c."MonthlyFee", NULL,
               CASE WHEN c."ContractorPersonType" = {Q(PersonType.NaturalPerson)} THEN (1000000000 + (c."Id"::bigint * 37 + j) % 8999999999)::text END,
               CASE WHEN c."ContractorPersonType" = {Q(PersonType.NaturalPerson)} THEN p.pfrom + 5 + (x.h % 20)::int END,
               CASE WHEN st.status = {Q(PaymentRequestStatus.Rejected)} OR st.sends > 1 OR (st.status = {Q(PaymentRequestStatus.Editing)} AND st.sends = 1)
                    THEN {Array(RejectionReasons)}[1 + x.h % {RejectionReasons.Length}] END,
               CASE WHEN st.status IN ({Q(PaymentRequestStatus.Approved)}, {Q(PaymentRequestStatus.Paid)}) THEN c."RpNumber" END,
               pd.paid_on, st.sends,
               bench.ts(p.pto + 1, interval '13 hours'),
               least(now(), CASE st.status
                   WHEN {Q(PaymentRequestStatus.Sent)} THEN bench.ts(p.issued, interval '15 hours' + make_interval(mins => (x.h % 480)::int))
                   WHEN {Q(PaymentRequestStatus.Rejected)} THEN bench.ts(p.issued + 2, interval '16 hours')
                   WHEN {Q(PaymentRequestStatus.Approved)} THEN bench.ts(p.received + 1, interval '17 hours')
                   WHEN {Q(PaymentRequestStatus.Paid)} THEN bench.ts(pd.paid_on, interval '18 hours')
                   ELSE bench.ts(p.pto + 1, interval '14 hours') END),
               md5('request-stamp:' || c."Id" || ':' || j)::uuid
        {from}
        CROSS JOIN LATERAL (SELECT pf AS pfrom, pt AS pto, pt + 1 + (x.h % 3)::int AS issued, pt + 1 + (x.h % 3)::int + ((x.h / 7) % 3)::int AS received
                            FROM (SELECT (c."StartsOn" + make_interval(months => j - 1))::date AS pf,
                                         (c."StartsOn" + make_interval(months => j) - interval '1 day')::date AS pt) q) p
        CROSS JOIN LATERAL (SELECT CASE WHEN st.status = {Q(PaymentRequestStatus.Paid)}
                                        THEN least({D(_today)}, p.received + 5 + ((x.h / 11) % 20)::int) END AS paid_on) pd
        """;

    private string PaymentRequestsSql(int from, int to)
    {
        var reference = D(ReferenceMonth);
        var sent = Q(PaymentRequestStatus.Sent);
        var editing = Q(PaymentRequestStatus.Editing);
        var pending = Q(PaymentRequestStatus.PendingRegistration);
        return $"""
            INSERT INTO "PaymentRequests" {PaymentRequestColumns}
            {PaymentRequestSelect($"""
                FROM "Contracts" c
                CROSS JOIN LATERAL (SELECT c."Status" IN ({Q(ContractStatus.InExecution)}, {Q(ContractStatus.Suspended)}) AS active,
                                           bench.h(c."Id", 21) % 100 AS r, bench.h(c."Id", 22) % 100 AS r2,
                                           ((date_part('year', least({reference}, c."EndsOn" + 1)) * 12 + date_part('month', least({reference}, c."EndsOn" + 1)))
                                            - (date_part('year', c."StartsOn") * 12 + date_part('month', c."StartsOn")))::int AS n) k
                CROSS JOIN LATERAL generate_series(1, k.n) AS j
                CROSS JOIN LATERAL (SELECT bench.h(c."Id"::bigint * 64 + j, 23) AS h) x
                CROSS JOIN LATERAL (SELECT s.status,
                                           CASE WHEN s.status = {pending} THEN 0
                                                WHEN s.status = {editing} THEN CASE WHEN k.r < 17 THEN 1 ELSE 0 END
                                                ELSE 1 + (x.h % 20 = 0)::int END AS sends
                                    FROM (SELECT CASE
                                        WHEN k.active AND j = k.n THEN CASE WHEN k.r < 12 THEN {sent} WHEN k.r < 15 THEN {Q(PaymentRequestStatus.Rejected)}
                                                                            WHEN k.r < 19 THEN {editing} WHEN k.r < 21 THEN {pending}
                                                                            WHEN k.r < 50 THEN {Q(PaymentRequestStatus.Approved)} ELSE {Q(PaymentRequestStatus.Paid)} END
                                        WHEN k.active AND j = k.n - 1 AND k.r < 50 AND k.r2 < 40 THEN {Q(PaymentRequestStatus.Approved)}
                                        ELSE {Q(PaymentRequestStatus.Paid)} END AS status) s) st
                """)}
            WHERE c."Id" BETWEEN {N(from)} AND {N(to)};
            """;
    }

    private static string ExecutionDocumentsSql(int from, int to) => $"""
        INSERT INTO "ExecutionDocuments" ("ContractId", "Description", "FileName", "ContentType", "SizeBytes", "Sha256", "StorageKey",
                                          "UploadedById", "UploaderSide", "UploadedAtUtc", "IsPublished")
        SELECT c."Id", d.description, d.file_name, 'application/pdf', 40000 + bench.h(c."Id"::bigint * 8 + d.kind, 31) % 2000000,
               encode(sha256(convert_to('doc:' || c."Id" || ':' || d.kind, 'UTF8')), 'hex'),
               to_char(d.at, 'YYYY/MM') || '/' || md5('doc:' || c."Id" || ':' || d.kind) || '.pdf',
               CASE WHEN d.side = {Q(UploaderSide.Buyer)} THEN c."SupervisorId" ELSE c."ContractorId" END, d.side, d.at, true
        FROM "Contracts" c
        CROSS JOIN LATERAL (VALUES
            (1, 'Acta de inicio', 'ACTA_DE_INICIO.pdf', {Q(UploaderSide.Buyer)}, bench.ts(c."StartsOn", interval '9 hours'), c."Id" % 4 = 0),
            (2, 'Informe de supervisión', 'INFORME_DE_SUPERVISION.pdf', {Q(UploaderSide.Buyer)}, bench.ts(c."StartsOn" + 60, interval '10 hours'), c."Id" % 10 = 0),
            (3, 'Informe de actividades', 'INFORME_DE_ACTIVIDADES.pdf', {Q(UploaderSide.Provider)}, bench.ts(c."StartsOn" + 32, interval '11 hours'), c."Id" % 6 = 0)
        ) AS d(kind, description, file_name, side, at, wanted)
        WHERE c."Id" BETWEEN {N(from)} AND {N(to)} AND d.wanted;
        """;

    // ---------------------------------------------------------------------------------------------------------------
    // The named accounts and their contracts.
    // ---------------------------------------------------------------------------------------------------------------
    private sealed record NamedContract(int Id, Guid ContractorId, Guid SupervisorId, bool Legal, int MonthsBilled, int TermMonths, int EndedMonthsAgo, ContractStatus Status, PaymentRequestStatus[] States);

    private async Task<DataSetInfo> LoadNamedAsync(NpgsqlConnection c)
    {
        var hash = new PasswordHasher<object>().HashPassword(new object(), NamedAccounts.Password);
        (Guid Id, string Email, string Name, PersonType? Person, string Role)[] users =
        [
            (NamedAccounts.AdminId, NamedAccounts.AdminEmail, "Administradora Benchmark", null, "Administrador"),
            (NamedAccounts.SupervisorId, NamedAccounts.SupervisorEmail, "Sofía Supervisora Benchmark", null, "Supervisor"),
            (NamedAccounts.OtherSupervisorId, "supervisor2@bench.secop.test", "Samuel Supervisor Benchmark", null, "Supervisor"),
            (NamedAccounts.ContractorId, NamedAccounts.ContractorEmail, NamedAccounts.ContractorName, PersonType.NaturalPerson, "Contratista"),
            (NamedAccounts.Contractor2Id, "contratista2@bench.secop.test", "Ingeniería Benchmark S.A.S.", PersonType.LegalPerson, "Contratista"),
            (NamedAccounts.Contractor3Id, "contratista3@bench.secop.test", "Carlos Contratista Benchmark", PersonType.NaturalPerson, "Contratista"),
            (NamedAccounts.Contractor4Id, "contratista4@bench.secop.test", "Diana Contratista Benchmark", PersonType.NaturalPerson, "Contratista"),
        ];
        var document = 2_000_000_000L;
        foreach (var user in users)
        {
            document++;
            var documentType = user.Person == PersonType.LegalPerson ? DocumentType.Nit : DocumentType.CedulaDeCiudadania;
            await ExecAsync(c, $"""
                INSERT INTO "AspNetUsers" {UserColumns}
                VALUES (@id, @name, @person, @documentType, @document, true, now(), @email, upper(@email), @email, upper(@email), true, @hash,
                        upper(md5(@email)), md5('concurrency:' || @email)::uuid::text, NULL, false, false, NULL, true, 0);
                INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") SELECT @id, "Id" FROM "AspNetRoles" WHERE "Name" = @role;
                """,
                new NpgsqlParameter("id", user.Id),
                new NpgsqlParameter("name", user.Name),
                new NpgsqlParameter("person", NpgsqlDbType.Varchar) { Value = (object?)user.Person?.ToString() ?? DBNull.Value },
                new NpgsqlParameter("documentType", documentType.ToString()),
                new NpgsqlParameter("document", N(document)),
                new NpgsqlParameter("email", user.Email),
                new NpgsqlParameter("hash", hash),
                new NpgsqlParameter("role", user.Role));
        }

        var n = shape.Contracts;
        var paid = PaymentRequestStatus.Paid;
        var approved = PaymentRequestStatus.Approved;
        var sent = PaymentRequestStatus.Sent;
        PaymentRequestStatus[] Repeat(PaymentRequestStatus s, int count) => Enumerable.Repeat(s, count).ToArray();
        NamedContract[] contracts =
        [
            // The big one: 36 months billed of a 48-month contract; 32 paid, 2 approved, 1 waiting for review, this month's draft.
            new(n + 1, NamedAccounts.ContractorId, NamedAccounts.SupervisorId, false, 36, 48, 0, ContractStatus.InExecution,
                [.. Repeat(paid, 32), approved, approved, sent, PaymentRequestStatus.Editing]),
            new(n + 2, NamedAccounts.ContractorId, NamedAccounts.OtherSupervisorId, false, 12, 12, 20, ContractStatus.Terminated, Repeat(paid, 12)),
            new(n + 3, NamedAccounts.ContractorId, NamedAccounts.SupervisorId, false, 3, 10, 0, ContractStatus.InExecution, [paid, paid, sent]),
            new(n + 4, NamedAccounts.Contractor2Id, NamedAccounts.SupervisorId, true, 6, 12, 0, ContractStatus.InExecution, [.. Repeat(paid, 5), sent]),
            new(n + 5, NamedAccounts.Contractor3Id, NamedAccounts.SupervisorId, false, 5, 11, 0, ContractStatus.InExecution, [paid, paid, paid, sent, sent]),
            new(n + 6, NamedAccounts.Contractor4Id, NamedAccounts.SupervisorId, false, 8, 12, 0, ContractStatus.InExecution,
                [.. Repeat(paid, 6), PaymentRequestStatus.Rejected, sent]),
        ];
        foreach (var contract in contracts)
        {
            var starts = ReferenceMonth.AddMonths(-(contract.MonthsBilled + contract.EndedMonthsAgo));
            var ends = starts.AddMonths(contract.TermMonths).AddDays(-1);
            var fee = contract.Legal ? 35_700_000m : 8_500_000m;
            await ExecAsync(c, $"""
                INSERT INTO "Contracts" {ContractColumns}
                VALUES (@id, 1, @number, @purpose, @type, @modality, @total, @fee, @signed, @starts, @ends, @cdp, @rp, @status, @legal,
                        @contractor, @person, @supervisor, bench.ts(@signed, interval '15 hours'), md5('contract-stamp:' || @id)::uuid);
                """,
                new NpgsqlParameter("id", contract.Id),
                new NpgsqlParameter("number", Number(contract.Id)),
                new NpgsqlParameter("purpose", contract.Legal ? CompanyPurposes[1] : ServicePurposes[0]),
                new NpgsqlParameter("type", (contract.Legal ? ContractType.Works : ContractType.ProfessionalServices).ToString()),
                new NpgsqlParameter("modality", (contract.Legal ? ContractModality.PublicTender : ContractModality.DirectContracting).ToString()),
                new NpgsqlParameter("total", fee * contract.TermMonths),
                new NpgsqlParameter("fee", fee),
                new NpgsqlParameter("signed", starts.AddDays(-3)),
                new NpgsqlParameter("starts", starts),
                new NpgsqlParameter("ends", ends),
                new NpgsqlParameter("cdp", $"CDP-B{N(contract.Id)}"),
                new NpgsqlParameter("rp", $"RP-B{N(contract.Id)}"),
                new NpgsqlParameter("status", contract.Status.ToString()),
                new NpgsqlParameter("legal", contract.Legal),
                new NpgsqlParameter("contractor", contract.ContractorId),
                new NpgsqlParameter("person", (contract.Legal ? PersonType.LegalPerson : PersonType.NaturalPerson).ToString()),
                new NpgsqlParameter("supervisor", contract.SupervisorId));

            // Same columns as the generic requests; the state (and the send count it implies) given per sequence.
            await ExecAsync(c, $"""
                INSERT INTO "PaymentRequests" {PaymentRequestColumns}
                {PaymentRequestSelect("""
                    FROM "Contracts" c
                    CROSS JOIN LATERAL unnest(@states::text[]) WITH ORDINALITY AS s(status, ordinal)
                    CROSS JOIN LATERAL (SELECT s.ordinal::int AS j) AS sequence
                    CROSS JOIN LATERAL (SELECT bench.h(c."Id"::bigint * 64 + j, 23) AS h) x
                    CROSS JOIN LATERAL (SELECT s.status::text AS status,
                                               CASE WHEN s.status IN ('Editing', 'PendingRegistration') THEN 0 WHEN j = 20 THEN 2 ELSE 1 END AS sends) st
                    """)}
                WHERE c."Id" = @id;
                """,
                new NpgsqlParameter("id", contract.Id),
                new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = contract.States.Select(s => s.ToString()).ToArray() });
        }

        // Execution documents of the big contract (and an acta de liquidación on the ended one).
        await ExecAsync(c, $"""
            INSERT INTO "ExecutionDocuments" ("ContractId", "Description", "FileName", "ContentType", "SizeBytes", "Sha256", "StorageKey",
                                              "UploadedById", "UploaderSide", "UploadedAtUtc", "IsPublished")
            SELECT c."Id", d.description, d.file_name, 'application/pdf', 180000 + d.kind * 1000,
                   encode(sha256(convert_to('named-doc:' || c."Id" || ':' || d.kind, 'UTF8')), 'hex'),
                   to_char(d.at, 'YYYY/MM') || '/' || md5('named-doc:' || c."Id" || ':' || d.kind) || '.pdf',
                   CASE WHEN d.side = 'Buyer' THEN c."SupervisorId" ELSE c."ContractorId" END, d.side, d.at, true
            FROM "Contracts" c
            CROSS JOIN LATERAL (VALUES
                (1, 'Acta de inicio', 'ACTA_DE_INICIO.pdf', 'Buyer', bench.ts(c."StartsOn", interval '9 hours')),
                (2, 'Informe de actividades del primer trimestre', 'INFORME_TRIMESTRE_1.pdf', 'Provider', bench.ts(c."StartsOn" + 95, interval '11 hours')),
                (3, 'Informe de supervisión del primer año', 'INFORME_SUPERVISION_ANO_1.pdf', 'Buyer', bench.ts(c."StartsOn" + 370, interval '10 hours')),
                (4, 'Comunicación de cambio de cuenta bancaria', 'COMUNICACION_CUENTA.pdf', 'Provider', bench.ts(c."StartsOn" + 500, interval '16 hours'))
            ) AS d(kind, description, file_name, side, at)
            WHERE c."Id" = {N(n + 1)};
            INSERT INTO "ExecutionDocuments" ("ContractId", "Description", "FileName", "ContentType", "SizeBytes", "Sha256", "StorageKey",
                                              "UploadedById", "UploaderSide", "UploadedAtUtc", "IsPublished")
            SELECT c."Id", 'Acta de liquidación', 'ACTA_DE_LIQUIDACION.pdf', 'application/pdf', 95000,
                   encode(sha256(convert_to('named-doc:' || c."Id", 'UTF8')), 'hex'),
                   to_char(c."EndsOn", 'YYYY/MM') || '/' || md5('named-doc:' || c."Id") || '.pdf', c."SupervisorId", 'Buyer',
                   bench.ts(c."EndsOn" + 20, interval '10 hours'), true
            FROM "Contracts" c WHERE c."Id" = {N(n + 2)};
            SELECT setval(pg_get_serial_sequence('"Contracts"', 'Id'), {N(n + contracts.Length)});
            """);

        var pending = contracts.Where(x => x.SupervisorId == NamedAccounts.SupervisorId)
            .SelectMany(x => x.States.Where(s => s == sent).Select(_ => Number(x.Id)))
            .ToList();
        return new DataSetInfo
        {
            BigContractId = n + 1,
            BigContractNumber = Number(n + 1),
            BigContractPayments = contracts[0].States.Length,
            BigContractDocuments = 4,
            ContractorContracts = contracts.Count(x => x.ContractorId == NamedAccounts.ContractorId),
            PendingContractNumbers = pending.Distinct().ToList(),
            PendingRequests = pending.Count,
        };
    }

    public static string Number(int contractId) => $"CO1.PCCNTR.{N(1_000_000L + contractId)}";
}
