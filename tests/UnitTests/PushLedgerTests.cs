using OtMz.Grains.Push;

namespace OtMz.UnitTests;

public class PushLedgerTests
{
    private static readonly TasteSnapshot Taste = new(4, StyleVector.Create([1f, .. new float[StyleTaxonomy.Count - 1]]), [], [], null);

    [Fact]
    public void EveryFacetIsNewUntilSentAndOnlyItsOwnVersionCounts()
    {
        var ledger = new PushLedger();
        Assert.True(ledger.IsNew<TastePart>(4));

        ledger.Sent(TastePart.Of(Taste));

        Assert.False(ledger.IsNew<TastePart>(4));
        Assert.True(ledger.IsNew<TastePart>(5));
        Assert.True(ledger.IsNew<LooksPart>(4));
        Assert.True(ledger.IsNew<ClosetPart>(0));
    }

    [Fact]
    public void AVersionTheDevicesReadIsNotNewAndClearForgetsEverything()
    {
        var ledger = new PushLedger();
        ledger.Known<ClosetPart>(0);
        ledger.Sent(ClosetPart.Of(new ClosetSnapshot(2, ClosetStyle.Empty)));

        Assert.False(ledger.IsNew<ClosetPart>(2));
        ledger.Clear();
        Assert.True(ledger.IsNew<ClosetPart>(2));
    }
}
