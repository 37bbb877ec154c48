using System.Text.Json.Nodes;

namespace OtMz.ApiTests.Fuzz;

/// <summary>
/// Values for generated requests, drawn from a seeded <see cref="Random"/>: ones a field accepts, and ones it must
/// refuse (the wrong JSON type, out of range, unknown names, nulls, control characters, trailing newlines).
/// </summary>
internal static class Hostile
{
    private const string IdChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@:";
    private const string TextChars = "abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789,.!?-가나다라마바사옷코트";

    public static readonly string[] StyleKeys = [.. StyleTaxonomy.All.Select(s => s.Key)];

    public static T Pick<T>(this Random rng, IReadOnlyList<T> values) => values[rng.Next(values.Count)];

    public static bool Chance(this Random rng, double p) => rng.NextDouble() < p;

    public static string Id(Random rng, string prefix = "fz") =>
        prefix + "-" + new string([.. Enumerable.Range(0, rng.Next(1, 20)).Select(_ => IdChars[rng.Next(IdChars.Length)])]);

    public static string Text(Random rng, int maxLength) =>
        new string([.. Enumerable.Range(0, rng.Next(1, Math.Min(maxLength, 60))).Select(_ => TextChars[rng.Next(TextChars.Length)])]).Trim() is { Length: > 0 } t ? t : "x";

    /// <summary>A string no id field accepts.</summary>
    public static string BadId(Random rng) => rng.Next(7) switch
    {
        0 => "",
        1 => Id(rng) + "\n",
        2 => "-" + Id(rng),
        3 => new string('a', 65 + rng.Next(200)),
        4 => Id(rng) + " " + Id(rng),
        5 => "../" + Id(rng),
        _ => Id(rng) + "\u202E",
    };

    /// <summary>
    /// A signal id the signal rules refuse. Signal ids are the client's own and only ever hashed (SignalIdSet), so
    /// they are looser than <see cref="BadId"/>'s: "../x", "-x" or a direction mark are fine; empty, too long,
    /// spaces and control characters are not.
    /// </summary>
    public static string BadSignalId(Random rng) => rng.Next(4) switch
    {
        0 => "",
        1 => Id(rng) + "\n",
        2 => new string('a', 65 + rng.Next(200)),
        _ => Id(rng) + " " + Id(rng),
    };

    /// <summary>A region path segment no region has, already escaped for a URL.</summary>
    public static string BadRegion(Random rng) => Uri.EscapeDataString(rng.Next(5) switch
    {
        0 => "-" + Id(rng),
        1 => "seoul\n",
        2 => new string('r', 65),
        3 => "a_b",
        _ => "x y",
    });

    /// <summary>Free text no text field accepts.</summary>
    public static string BadText(Random rng, int maxLength) => rng.Next(5) switch
    {
        0 => Text(rng, maxLength) + "\u0000",
        1 => "\u202E" + Text(rng, maxLength),
        2 => Text(rng, maxLength) + "\n" + Text(rng, maxLength),
        3 => new string('x', maxLength + 1 + rng.Next(100)),
        _ => "   ",
    };

    /// <summary>A JSON value of a type the field does not take, or a name the enum does not have.</summary>
    public static JsonNode? NotAnEnum(Random rng) => rng.Next(6) switch
    {
        0 => rng.Next(0, 3),
        1 => 99,
        2 => "not-a-" + Id(rng),
        3 => new JsonArray(),
        4 => new JsonObject(),
        _ => "3",
    };

    public static JsonNode? NotAString(Random rng) => rng.Next(4) switch
    {
        0 => rng.Next(),
        1 => true,
        2 => new JsonArray("x"),
        _ => new JsonObject { ["x"] = 1 },
    };

    public static JsonNode? NotANumber(Random rng) => rng.Next(5) switch
    {
        0 => "12",
        1 => "NaN",
        2 => JsonNode.Parse("1e400"),
        3 => true,
        _ => new JsonArray(1),
    };

    public static JsonArray Vector(Random rng)
    {
        var values = new JsonArray();
        var hot = rng.Next(StyleTaxonomy.Count);
        for (var i = 0; i < StyleTaxonomy.Count; i++)
        {
            values.Add(i == hot ? 0.5 + rng.NextDouble() / 2 : rng.Chance(0.3) ? Math.Round(rng.NextDouble(), 3) : 0.0);
        }

        return values;
    }

    public static JsonNode? BadVector(Random rng)
    {
        var vector = Vector(rng);
        switch (rng.Next(6))
        {
            case 0: vector.RemoveAt(0); return vector;
            case 1: vector[rng.Next(StyleTaxonomy.Count)] = -1; return vector;
            case 2: return new JsonArray([.. Enumerable.Range(0, StyleTaxonomy.Count).Select(_ => (JsonNode?)0)]);
            case 3: vector[rng.Next(StyleTaxonomy.Count)] = "NaN"; return vector;
            case 4: vector[rng.Next(StyleTaxonomy.Count)] = null; return vector;
            default: return "classic";
        }
    }

    public static string EnumName<T>(Random rng) where T : struct, Enum => rng.Pick(OtMz.Api.Infrastructure.WireNames.Of<T>().ToArray());

    public static JsonArray EnumNames<T>(Random rng, int min = 1) where T : struct, Enum =>
        new([.. OtMz.Api.Infrastructure.WireNames.Of<T>().OrderBy(_ => rng.Next()).Take(rng.Next(min, 3)).Select(n => (JsonNode)n)]);

    /// <summary>The array with one element replaced by something the element cannot be.</summary>
    public static JsonArray Spoil(Random rng, JsonArray values, Func<Random, JsonNode?> bad)
    {
        var copy = (JsonArray)values.DeepClone();
        if (copy.Count == 0)
        {
            copy.Add(bad(rng));
        }
        else
        {
            copy[rng.Next(copy.Count)] = bad(rng);
        }

        return copy;
    }

    /// <summary>The object with one field set to a value that field refuses, chosen from <paramref name="spoilers"/>.</summary>
    public static JsonObject Spoil(Random rng, JsonObject valid, IReadOnlyDictionary<string, Func<Random, JsonNode?>> spoilers)
    {
        var copy = (JsonObject)valid.DeepClone();
        var field = rng.Pick(spoilers.Keys.ToArray());
        copy[field] = spoilers[field](rng);
        return copy;
    }

    /// <summary>A body that is not JSON of the right shape at all.</summary>
    public static HttpContent BadBody(Random rng) => rng.Next(6) switch
    {
        0 => Json.Raw("{"),
        1 => Json.Raw("[]"),
        2 => Json.Raw("null"),
        3 => Json.Raw("\"text\""),
        4 => new StringContent("a=1", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        _ => Json.Raw("{\"a\":" + new string('[', 70) + new string(']', 70) + "}"),
    };

    public static HttpContent Body(JsonNode node) => Json.Raw(node.ToJsonString());
}
