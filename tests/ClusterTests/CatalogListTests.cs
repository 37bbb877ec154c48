using OtMz.Grains.Demo;

namespace OtMz.ClusterTests;

/// <summary>
/// The style list through the catalog query grain on a two-silo cluster: the shards' indexes, loaded at activation
/// and written through the catalog grain, page through the catalog as a plain filter and sort of it would.
/// </summary>
[Collection(ClusterCollection.Name)]
public class CatalogListTests(ClusterFixture fixture)
{
    private ICatalogQueryGrain Catalog => fixture.Grains.GetGrain<ICatalogQueryGrain>(0);

    [Fact]
    public async Task PagingUnderFiltersReturnsEveryMatchingDemoLookOnceInIdOrder()
    {
        StyleTaxonomy.TryGetIndex("casual", out var casual);
        var query = new LookListQuery(casual, Gender.Women, Season.Winter, null, null, null, 37);
        var seen = new List<Look>();
        for (var page = await Catalog.List(query); ; page = await Catalog.List(query = query with { After = page.NextCursor }))
        {
            Assert.True(page.Items.Length <= query.Limit);
            seen.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                break;
            }

            Assert.Equal(page.Items[^1].Id, page.NextCursor);
        }

        // Other tests in this cluster add looks of their own; the demo looks are all still there.
        var expected = DemoCatalog.Generate(4000, 42)
            .Where(l => l.StyleVector[casual] >= 0.5f && l.Gender is Gender.Women or Gender.Unisex && l.Seasons.Contains(Season.Winter))
            .Select(l => l.Id);
        Assert.NotEmpty(expected);
        Assert.Equal(seen.Select(l => l.Id).Order(StringComparer.Ordinal), seen.Select(l => l.Id));
        Assert.Equal(seen.Count, seen.DistinctBy(l => l.Id).Count());
        Assert.All(seen, l => Assert.True(l.StyleVector[casual] >= 0.5f && l.Gender is Gender.Women or Gender.Unisex && l.Seasons.Contains(Season.Winter)));
        Assert.Subset(seen.Select(l => l.Id).ToHashSet(), expected.ToHashSet());
    }

    [Fact]
    public async Task WritesBetweenPagesShowOnTheNextPage()
    {
        var prefix = $"zz-list-{Guid.NewGuid():N}";
        var catalog = fixture.Grains.GetGrain<ICatalogGrain>(0);
        var neon = DemoCatalog.Create(0, 42) with { Palette = [new PaletteEntry(Colour.Neon, 1f)] };
        foreach (var n in new[] { 1, 2, 3 })
        {
            Assert.True((await catalog.Upsert(neon with { Id = $"{prefix}-{n}" })).Succeeded);
        }

        var query = new LookListQuery(null, null, null, null, Colour.Neon, prefix, 1);
        var first = await Catalog.List(query);
        Assert.Equal([$"{prefix}-1"], first.Items.Select(l => l.Id));
        Assert.Equal($"{prefix}-1", first.NextCursor);

        // Between the pages: one look goes, one stops matching, one arrives.
        Assert.True(await catalog.Delete($"{prefix}-2"));
        Assert.True((await catalog.Upsert(neon with { Id = $"{prefix}-3", Palette = [new PaletteEntry(Colour.Navy, 1f)] })).Succeeded);
        Assert.True((await catalog.Upsert(neon with { Id = $"{prefix}-4" })).Succeeded);

        var second = await Catalog.List(query with { After = first.NextCursor, Limit = 10 });
        Assert.Equal([$"{prefix}-4"], second.Items.Select(l => l.Id));
        Assert.Null(second.NextCursor);
    }
}
