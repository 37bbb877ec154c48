using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OtMz.Grains.Demo;

namespace OtMz.UnitTests;

/// <summary>
/// Pins the seeded demo data byte for byte: benchmarks, load runs and the vision model's training looks all start
/// from the seed-42 catalog, so any change to what it generates must be a deliberate one that updates these hashes.
/// </summary>
public class DemoCatalogFingerprintTests
{
    [Fact]
    public void TheSeed42CatalogIsExactlyTheOneThatWasPinned()
    {
        var text = new StringBuilder();
        foreach (var look in DemoCatalog.Generate(20_000, 42))
        {
            AppendLook(text, look);
        }

        Assert.Equal("e1ee41867a33396a9f24709f4a3ef67f96d9ba538e4816efd542c68aceca4b34", Sha256(text));
    }

    [Fact]
    public void TheDemoCampaignsAreExactlyTheOnesThatWerePinned()
    {
        var text = new StringBuilder();
        foreach (var campaign in DemoCampaigns.Create(seed: 7))
        {
            text.Append(campaign.Id).Append('|').Append(campaign.Title).Append('|').Append(campaign.ImageUrl)
                .Append('|').Append(campaign.Link).Append('|').Append(campaign.TargetGender);
            AppendFloats(text, campaign.TargetStyle.Values);
            text.Append('\n');
        }

        Assert.Equal("524fe66a0363cf1459de0a67e00fe4555eb55fa10c35adc4de4188b7d8a023a5", Sha256(text));
    }

    private static void AppendLook(StringBuilder text, Look look)
    {
        text.Append(look.Id).Append('|').Append(look.Title).Append('|').Append(look.ImageUrl).Append('|').Append(look.Gender)
            .Append('|').AppendJoin(',', look.Seasons).Append('|').AppendJoin(',', look.Occasions)
            .Append('|').Append(Invariant(look.MinTempC)).Append('|').Append(Invariant(look.MaxTempC)).Append('|');
        foreach (var entry in look.Palette)
        {
            text.Append(entry.Colour).Append(':').Append(Bits(entry.Weight)).Append(',');
        }

        text.Append('|');
        foreach (var garment in look.Garments)
        {
            text.Append(garment.Slot).Append(':').Append(garment.Category).Append(':').Append(garment.Colour).Append(',');
        }

        AppendFloats(text, look.StyleVector.Values);
        text.Append('\n');
    }

    // Bit patterns, not formatted numbers, so the hash sees every float exactly.
    private static void AppendFloats(StringBuilder text, ReadOnlySpan<float> values)
    {
        text.Append('|');
        foreach (var v in values)
        {
            text.Append(Bits(v)).Append(',');
        }
    }

    private static string Bits(float value) => BitConverter.SingleToInt32Bits(value).ToString("x8", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Sha256(StringBuilder text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
}
