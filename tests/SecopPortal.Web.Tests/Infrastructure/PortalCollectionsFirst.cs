using Xunit.Abstractions;

[assembly: TestCollectionOrderer("SecopPortal.Web.Tests.Infrastructure.PortalCollectionsFirst", "SecopPortal.Web.Tests")]

namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>
/// Starts the two shared-portal collections (<see cref="SqlitePortal"/>, then <see cref="PostgresPortal"/>) before the
/// others. They are the suite's longest chains, since their tests run one after another; started first, they keep
/// xunit's threads busy to the end while the short collections fill in around them, instead of starting late and
/// running alone at the end. The other collections keep the order xunit gives them.
/// </summary>
public sealed class PortalCollectionsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(collection => collection.DisplayName switch
        {
            SqlitePortal.Name => 0,
            PostgresPortal.Name => 1,
            _ => 2,
        });
}
