using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace OtMz.Api.Auth;

/// <summary>What checking one ID token came to: the provider's subject, a reason to refuse it, or no answer from the provider.</summary>
public readonly record struct OidcOutcome(OidcVerdict Verdict, string? Subject = null, string? Reason = null);

public enum OidcVerdict
{
    Accepted,
    Rejected,
    ProviderUnavailable,
}

/// <summary>
/// Checks ID tokens from the providers configured under Auth:Oidc:Providers for POST /api/v1/auth/oidc
/// (<see cref="Endpoints.AuthApi"/>): signature against the provider's published keys, issuer against its
/// discovery document, audience against our client id, expiry against this machine's clock. Each provider
/// has one ConfigurationManager, which caches the discovery document and keys and refetches them on its own schedule.
/// OidcSignIn.Code.cs adds the other half of a browser sign-in: the provider list and the authorization code exchange.
/// </summary>
public sealed partial class OidcSignIn : IDisposable
{
    // Provider keys are asymmetric: an HMAC "signature" keyed with a public key proves nothing.
    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly Dictionary<string, Provider> _providers;
    private readonly HttpClient _http;
    private readonly bool _requireHttps;
    private readonly ILogger<OidcSignIn> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public OidcSignIn(IOptions<AuthOptions> options, ILogger<OidcSignIn> logger)
    {
        var oidc = options.Value.Oidc;
        _logger = logger;
        // A fresh connection now and then, so a provider that moves its address is followed.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = oidc.MetadataTimeout };
        _requireHttps = oidc.RequireHttpsMetadata;
        var retriever = new HttpDocumentRetriever(_http) { RequireHttps = oidc.RequireHttpsMetadata };
        _providers = oidc.Providers.ToDictionary(
            p => p.Key,
            p => new Provider(p.Key, p.Value, new ConfigurationManager<OpenIdConnectConfiguration>(
                p.Value.Authority!.TrimEnd('/') + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), retriever)),
            StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> ProviderNames => _providers.Keys;

    public bool Knows(string? provider) => provider is not null && _providers.ContainsKey(provider);

    /// <summary>Checks an ID token; with <paramref name="expectedNonce"/>, its nonce claim must be exactly that (the one this sign-in sent).</summary>
    public async Task<OidcOutcome> CheckAsync(string provider, string idToken, string? expectedNonce, CancellationToken cancellationToken)
    {
        var known = _providers[provider];
        if (await DiscoverAsync(known, cancellationToken) is not { } configuration)
        {
            return new(OidcVerdict.ProviderUnavailable);
        }

        var result = await _handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = known.Settings.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = AsymmetricAlgorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            // Issuer, audience and lifetime first, so that a refusal names the first thing wrong with the token.
            ValidateSignatureLast = true,
        });
        if (!result.IsValid)
        {
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // The provider may have rotated its keys: the next sign-in fetches them again (at most every RefreshInterval).
                known.Configuration.RequestRefresh();
            }

            var reason = Reason(result.Exception);
            _logger.LogInformation("An ID token from {Provider} was refused: {Reason}", provider, reason);
            return new(OidcVerdict.Rejected, Reason: reason);
        }

        var jwt = result.SecurityToken as JsonWebToken;
        if (expectedNonce is not null && !(jwt is not null && jwt.TryGetPayloadValue<string>("nonce", out var nonce) && string.Equals(nonce, expectedNonce, StringComparison.Ordinal)))
        {
            // An ID token from another sign-in (a replayed or injected one) does not carry this sign-in's nonce.
            _logger.LogInformation("An ID token from {Provider} was refused: its nonce is not this sign-in's", provider);
            return new(OidcVerdict.Rejected, Reason: "The ID token's nonce does not match this sign-in.");
        }

        var subject = jwt?.Subject;
        return string.IsNullOrEmpty(subject)
            ? new(OidcVerdict.Rejected, Reason: "The ID token names no subject.")
            : new(OidcVerdict.Accepted, Subject: subject);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The provider's discovery document (cached by its ConfigurationManager); null when it cannot be fetched.</summary>
    private async Task<OpenIdConnectConfiguration?> DiscoverAsync(Provider known, CancellationToken cancellationToken)
    {
        try
        {
            return await known.Configuration.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("OpenID Connect provider {Provider} could not be reached: {Error}", known.Name, e.Message);
            return null;
        }
    }

    /// <summary>What was wrong, in terms a client can act on; the library's messages name keys and internals.</summary>
    private static string Reason(Exception? e) => e switch
    {
        SecurityTokenExpiredException => "The ID token has expired.",
        SecurityTokenNotYetValidException => "The ID token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The ID token was issued for another application.",
        SecurityTokenInvalidIssuerException => "The ID token was not issued by this provider.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidAlgorithmException =>
            "The ID token's signature could not be verified with the provider's keys.",
        SecurityTokenNoExpirationException => "The ID token has no expiry.",
        SecurityTokenMalformedException or ArgumentException => "The ID token is not a well-formed signed JWT.",
        _ => "The ID token could not be validated.",
    };

    private sealed record Provider(string Name, OidcProviderOptions Settings, ConfigurationManager<OpenIdConnectConfiguration> Configuration);
}
