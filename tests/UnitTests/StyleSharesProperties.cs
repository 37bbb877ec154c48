using CsCheck;
using OtMz.Grains.Ranking;

namespace OtMz.UnitTests;

public class StyleSharesProperties
{
    [Fact]
    public void TopIsTheLargestSharesAboveTheMinimumInStableOrder() =>
        Gen.Select(Gen.Int[0, 4].Array[23], Gen.Int[0, 4].Array[23], Gen.Int[1, 4]).Sample((a, b, n) =>
        {
            // Entries from a few values, so that equal shares (ties) are common.
            var x = a.Select(v => v * 0.25f).ToArray();
            var y = b.Select(v => v * 0.25f).ToArray();
            var expected = Enumerable.Range(0, x.Length)
                .Select(i => (Index: i, Share: x[i] * y[i]))
                .Where(s => s.Share > 0.1f)
                .OrderByDescending(s => s.Share)
                .Take(n)
                .Select(s => s.Index);

            Span<int> top = stackalloc int[n];
            var found = StyleShares.Top(x, y, 0.1f, top);

            Assert.Equal(expected, top[..found].ToArray());
        }, iter: 1000);
}
