using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>The accounts <see cref="DemoDataSeeder"/> creates (Seed:DemoData=true), with their passwords.</summary>
public static class DemoAccounts
{
    public static DemoAccount Admin { get; } = new(DemoDataSeeder.AdminEmail, "Admin.Secop2026!");

    public static DemoAccount Supervisor { get; } = new(DemoDataSeeder.SupervisorEmail, "Supervisor.Secop2026!");

    /// <summary>Persona natural with three contracts (one finished) and two earlier payments.</summary>
    public static DemoAccount Contractor { get; } = new(DemoDataSeeder.ContractorEmail, "Contratista.Secop2026!");

    /// <summary>Persona natural with one contract.</summary>
    public static DemoAccount Contractor2 { get; } = new(DemoDataSeeder.Contractor2Email, "Contratista2.Secop2026!");

    /// <summary>Persona jurídica with a supply contract that requires electronic invoicing.</summary>
    public static DemoAccount Provider { get; } = new(DemoDataSeeder.ProviderEmail, "Proveedor.Secop2026!");

    public static IReadOnlyList<DemoAccount> All { get; } = [Admin, Supervisor, Contractor, Contractor2, Provider];
}

public sealed record DemoAccount(string Email, string Password);
