namespace OtMz.Grains.Ranking;

/// <summary>
/// The styles two unit vectors share most (the product of their entries), which is how a look's or an ad's
/// reasons name the styles that matched. Written without LINQ: it runs for every look and ad of every push.
/// </summary>
public static class StyleShares
{
    /// <summary>
    /// Fills <paramref name="top"/> with the indices of the largest shares above <paramref name="minimum"/>,
    /// largest first (the lower index first on a tie), and returns how many there are.
    /// </summary>
    public static int Top(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float minimum, Span<int> top)
    {
        var found = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var share = a[i] * b[i];
            if (share <= minimum)
            {
                continue;
            }

            var at = found;
            while (at > 0 && a[top[at - 1]] * b[top[at - 1]] < share)
            {
                at--;
            }

            if (at >= top.Length)
            {
                continue;
            }

            for (var j = Math.Min(found, top.Length - 1); j > at; j--)
            {
                top[j] = top[j - 1];
            }

            top[at] = i;
            found = Math.Min(found + 1, top.Length);
        }

        return found;
    }

    /// <summary>One text per style, formatted once: reasons are built for every push.</summary>
    public static string[] Texts(Func<string, string> text) =>
        [.. Enumerable.Range(0, StyleTaxonomy.Count).Select(i => text(StyleTaxonomy.KeyOf(i)))];
}
