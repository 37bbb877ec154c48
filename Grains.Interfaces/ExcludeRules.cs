using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The <c>exclude</c> parameter of the look lists (recommendations and similar looks): look ids the client already
/// shows, so the list it asks for holds only new ones. The Api parses and checks it here; the user grain passes the
/// ids to the shards' scan with the disliked looks. An id of the right shape that names no look is harmless (the look
/// may have been deleted since the client showed it) and is simply never met.
/// </summary>
public static class ExcludeRules
{
    public const string Field = "exclude";

    /// <summary>The most different ids one request may exclude: about ten screens of looks, and a bound on every shard's scan.</summary>
    public const int MaxIds = 200;

    /// <summary>
    /// The distinct ids of <paramref name="values"/> (the parameter repeated, each value a comma-separated list; empty
    /// entries, such as a trailing comma, are ignored), in their first order; or the errors, keyed by <see cref="Field"/>.
    /// </summary>
    public static ImmutableArray<string> Parse(IEnumerable<string?>? values, ICollection<FieldError> errors)
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var malformed = new List<string>();
        foreach (var value in values ?? [])
        {
            foreach (var id in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!LookRules.IsValidId(id))
                {
                    malformed.Add(id);
                }
                else if (seen.Add(id))
                {
                    ids.Add(id);
                }
            }
        }

        if (malformed.Count > 0)
        {
            // A few are named, so a client sees what it sent wrong without the message growing with the request.
            var named = string.Join(", ", malformed.Take(3).Select(id => $"'{Shorten(id)}'"));
            errors.Add(new FieldError(Field, $"Not look ids: {named}{(malformed.Count > 3 ? $" and {malformed.Count - 3} more" : "")}. {LookRules.IdRule}"));
        }

        if (ids.Count > MaxIds)
        {
            errors.Add(new FieldError(Field, $"At most {MaxIds} different look ids can be excluded; got {ids.Count}."));
        }

        return malformed.Count > 0 || ids.Count > MaxIds ? [] : [.. ids];
    }

    private static string Shorten(string id) => id.Length <= IdRules.MaxLength ? id : $"{id[..IdRules.MaxLength]}…";
}
