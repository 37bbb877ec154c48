namespace OtMz.Api.Infrastructure;

/// <summary>
/// One token bucket per partition: up to <see cref="TokenLimit"/> requests at once, refilled by
/// <see cref="TokensPerPeriod"/> every <see cref="ReplenishmentPeriod"/>. A request that finds the bucket empty is
/// refused at once (nothing queues).
/// </summary>
public sealed class TokenBucketSettings
{
    public int TokenLimit { get; set; }

    public int TokensPerPeriod { get; set; }

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    internal string? Problem(string name) =>
        TokenLimit < 1 ? $"RateLimits:{name}:TokenLimit must be at least 1."
        : TokensPerPeriod < 1 ? $"RateLimits:{name}:TokensPerPeriod must be at least 1."
        : ReplenishmentPeriod <= TimeSpan.Zero ? $"RateLimits:{name}:ReplenishmentPeriod must be positive."
        : null;
}

/// <summary>
/// The "RateLimits" settings: one bucket per <see cref="RequestClass"/>. The defaults let a real client and the
/// load generator (1,000 users at one signal a second each, with bursts) through untouched, and stop a single
/// user or address from flooding; docs/security.md lists them.
/// </summary>
public sealed class RateLimitsOptions
{
    public const string Section = "RateLimits";

    /// <summary>Per user, REST and hub together; a batch of up to 100 signals counts once.</summary>
    public TokenBucketSettings Signals { get; set; } = new() { TokenLimit = 100, TokensPerPeriod = 20 };

    /// <summary>Per user: every other authenticated POST, PUT, PATCH and DELETE.</summary>
    public TokenBucketSettings Writes { get; set; } = new() { TokenLimit = 60, TokensPerPeriod = 10 };

    /// <summary>Per client address: anonymous writes, that is sign-in (OpenID Connect).</summary>
    public TokenBucketSettings SignIn { get; set; } = new() { TokenLimit = 30, TokensPerPeriod = 30, ReplenishmentPeriod = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Per client address: POST /auth/dev-token, which exists only in Development. Generous, because the load
    /// generator signs its 1,000 users in from one address in a few seconds.
    /// </summary>
    public TokenBucketSettings DevTokens { get; set; } = new() { TokenLimit = 2_000, TokensPerPeriod = 200 };

    /// <summary>Per client address (per user when signed in): anonymous reads such as the catalog and its images.</summary>
    public TokenBucketSettings Public { get; set; } = new() { TokenLimit = 300, TokensPerPeriod = 100 };

    public TokenBucketSettings For(RequestClass kind) => kind switch
    {
        RequestClass.Signals => Signals,
        RequestClass.Writes => Writes,
        RequestClass.SignIn => SignIn,
        RequestClass.DevTokens => DevTokens,
        RequestClass.Public => Public,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    internal string? Problem() =>
        Enum.GetValues<RequestClass>().Select(kind => For(kind).Problem(kind.ToString())).FirstOrDefault(p => p is not null);
}
