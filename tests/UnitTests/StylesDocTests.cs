using System.Globalization;
using System.Text.RegularExpressions;
using OtMz.Grains.Taste;
using OtMz.TestShared;

namespace OtMz.UnitTests;

/// <summary>
/// docs/styles.md is the reference people read for the taxonomy; these tests keep its tables equal to the code,
/// so that a style or colour added, removed, renamed or moved in the code fails here until the doc follows.
/// </summary>
public sealed partial class StylesDocTests
{
    private static readonly string[] Doc = File.ReadAllLines(Repository.PathOf("docs", "styles.md"));

    [Fact]
    public void TheStyleTableListsExactlyTheTaxonomyInIndexOrder()
    {
        var rows = Rows(StyleRow()).Select(m => (
            Index: int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture),
            Key: m.Groups["key"].Value,
            NameKo: m.Groups["ko"].Value.Trim(),
            Group: m.Groups["group"].Value.Trim())).ToList();

        Assert.Equal(StyleTaxonomy.All.Select(s => (s.Index, s.Key, s.NameKo, s.Group)), rows);
    }

    [Fact]
    public void TheStyleTableGivesTheCodesPriorShares()
    {
        var shares = Rows(StyleRow()).Select(m => m.Groups["share"].Value).ToList();

        var expected = Enumerable.Range(0, StyleTaxonomy.Count)
            .Select(i => (StylePrior.Shares[i] * 100).ToString("0.0", CultureInfo.InvariantCulture));
        Assert.Equal(expected, shares);
    }

    [Fact]
    public void TheColourTableListsExactlyTheColoursInEnumOrder()
    {
        var rows = Rows(ColourRow()).Select(m => (int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture), m.Groups["name"].Value)).ToList();

        var expected = Enum.GetValues<Colour>().Select(c => ((int)c, c.ToString().ToLowerInvariant()));
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void TheGarmentTableListsEverySlotWithItsCategories()
    {
        var rows = Rows(SlotRow()).ToDictionary(
            m => m.Groups["slot"].Value,
            m => m.Groups["categories"].Value.Split(',', StringSplitOptions.TrimEntries));

        var expected = Enum.GetValues<GarmentSlot>().ToDictionary(
            slot => System.Text.Json.JsonSerializer.Serialize(slot).Trim('"'),
            slot => GarmentVocabulary.CategoriesBySlot[slot]);
        Assert.Equal(expected.Keys, rows.Keys);
        Assert.All(expected, kv => Assert.Equal(kv.Value, rows[kv.Key]));
    }

    private static IEnumerable<Match> Rows(Regex row) => Doc.Select(line => row.Match(line)).Where(m => m.Success);

    // | 0 | `classic` | 클래식 | Classic | traditional | 3.0 % |
    [GeneratedRegex(@"^\| (?<index>\d+) \| `(?<key>[a-z]+)` \| (?<ko>[^|]+)\|[^|]+\| (?<group>[a-z]+) \| (?<share>\d+\.\d) % \|$")]
    private static partial Regex StyleRow();

    // | 0 | `black` | #181818 |
    [GeneratedRegex(@"^\| (?<index>\d+) \| `(?<name>[a-z]+)` \| #[0-9A-F]{6} \|$")]
    private static partial Regex ColourRow();

    // | `outer` | coat, jacket, ... |
    [GeneratedRegex(@"^\| `(?<slot>[a-z-]+)` \| (?<categories>[^|]+?) \|$")]
    private static partial Regex SlotRow();
}
