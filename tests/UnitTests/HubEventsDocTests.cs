using OtMz.TestShared;

namespace OtMz.UnitTests;

/// <summary>
/// The hub's server-to-client events are the methods of <see cref="IStyleClient"/>, and each push part sends one of
/// them; docs/api.md lists exactly those events, so a new facet's event cannot go undocumented.
/// </summary>
public class HubEventsDocTests
{
    [Fact]
    public void ApiMdListsEveryHubEventAndNoOther()
    {
        var doc = File.ReadAllLines(Repository.PathOf("docs", "api.md"));
        var start = Array.FindIndex(doc, line => line.StartsWith("**Server to client.**", StringComparison.Ordinal));
        Assert.True(start >= 0, "docs/api.md has a 'Server to client' part");
        var documented = doc.Skip(start)
            .SkipWhile(line => !line.StartsWith("| event |", StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Split('|')[1].Trim().Trim('`'))
            .ToList();

        Assert.Equal(typeof(IStyleClient).GetMethods().Select(m => m.Name).Order(), documented.Order());
    }

    [Fact]
    public void EveryPushPartTypeIsSealedAndBuiltFromItsFacetOnly()
    {
        var parts = typeof(PushPart).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PushPart))).ToList();

        Assert.Equal(typeof(IStyleClient).GetMethods().Length, parts.Count);
        Assert.All(parts, part =>
        {
            Assert.True(part.IsSealed, part.Name);
            Assert.Empty(part.GetConstructors());
            Assert.Single(part.GetMethods(), m => m.IsStatic && m.Name == "Of");
        });
    }
}
