using System.Text.Json;

namespace SecopPortal.Bench;

/// <summary>
/// How many rows of each kind a national data set of <see cref="Contracts"/> generic contracts has, scaled from
/// SECOP II's real size (2,000,000 contracts, 1,500,000 contractors, 50,000 supervisors, 20,000 entities).
/// </summary>
public sealed record DataShape(int Contracts, int Contractors, int Supervisors, int Entities)
{
    public static DataShape For(int contracts)
    {
        if (contracts < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(contracts), "at least 100 contracts");
        }

        return new DataShape(
            contracts,
            Math.Max(1, (int)(contracts * 3L / 4)),
            Math.Max(1, contracts / 40),
            Math.Max(1, contracts / 100));
    }
}

/// <summary>The accounts the benchmark signs in as, and what their pages must show.</summary>
public static class NamedAccounts
{
    public const string Password = "Bench.Secop2026!";

    public static readonly Guid AdminId = new("b0000000-0000-4000-8000-000000000001");
    public static readonly Guid SupervisorId = new("b0000000-0000-4000-8000-000000000002");
    public static readonly Guid OtherSupervisorId = new("b0000000-0000-4000-8000-000000000003");
    public static readonly Guid ContractorId = new("b0000000-0000-4000-8000-000000000004");
    public static readonly Guid Contractor2Id = new("b0000000-0000-4000-8000-000000000005");
    public static readonly Guid Contractor3Id = new("b0000000-0000-4000-8000-000000000006");
    public static readonly Guid Contractor4Id = new("b0000000-0000-4000-8000-000000000007");

    public const string AdminEmail = "admin@bench.secop.test";
    public const string SupervisorEmail = "supervisor@bench.secop.test";
    public const string ContractorEmail = "contratista@bench.secop.test";

    /// <summary>The contractor's name (Loader.LoadNamedAsync).</summary>
    public const string ContractorName = "Camila Contratista Benchmark";
}

/// <summary>What the loader wrote and the run needs: written by <c>load</c> as JSON, read by <c>run</c>.</summary>
public sealed class DataSetInfo
{
    public int GenericContracts { get; set; }

    public int BigContractId { get; set; }

    public string BigContractNumber { get; set; } = string.Empty;

    public int BigContractPayments { get; set; }

    public int BigContractDocuments { get; set; }

    public int ContractorContracts { get; set; }

    public List<string> PendingContractNumbers { get; set; } = [];

    public int PendingRequests { get; set; }

    public Dictionary<string, long> RowCounts { get; set; } = [];

    public double LoadSeconds { get; set; }

    public Dictionary<string, double> StepSeconds { get; set; } = [];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static DataSetInfo Load(string path) =>
        JsonSerializer.Deserialize<DataSetInfo>(File.ReadAllText(path)) ?? throw new InvalidDataException($"empty data set file {path}");
}
