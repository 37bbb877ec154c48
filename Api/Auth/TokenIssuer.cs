using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OtMz.Api.Auth;

/// <summary>
/// Owns the signing key: issues OtMz tokens (for dev tokens and for OpenID Connect sign-ins) and gives JwtBearer
/// the parameters to validate them. The options were checked by <see cref="AuthOptionsValidator"/> at start.
/// </summary>
public sealed class TokenIssuer
{
    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly SymmetricSecurityKey _key;

    public TokenIssuer(IOptions<AuthOptions> options, TimeProvider time, ILogger<TokenIssuer> logger)
    {
        _options = options.Value;
        _time = time;
        if (!string.IsNullOrEmpty(_options.SigningKey))
        {
            _key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.SigningKey));
        }
        else
        {
            // The validator allows this only with dev tokens in Development.
            logger.LogWarning("Auth:SigningKey is not set; dev tokens are signed with a random key that lasts as long as this process");
            _key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(AuthOptionsValidator.MinKeyBytes));
        }
    }

    public TokenValidationParameters ValidationParameters => new()
    {
        ValidIssuer = _options.Issuer,
        ValidAudience = _options.Audience,
        IssuerSigningKey = _key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = JwtRegisteredClaimNames.Sub,
        RoleClaimType = "role",
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// The dashboard session's audience: a token for it is refused as a bearer token (its audience is not
    /// <see cref="AuthOptions.Audience"/>), and a bearer token is refused as a session.
    /// </summary>
    public string DashboardAudience => _options.Audience + ":dashboard";

    public TokenValidationParameters DashboardValidationParameters
    {
        get
        {
            var parameters = ValidationParameters;
            parameters.ValidAudience = DashboardAudience;
            return parameters;
        }
    }

    public (string Token, DateTimeOffset ExpiresAt) Issue(string userId, IEnumerable<string> roles) =>
        Issue(userId, roles, _options.Audience, _time.GetUtcNow() + _options.TokenLifetime);

    /// <summary>A dashboard session for <paramref name="userId"/> (an admin), ending at <paramref name="expires"/>.</summary>
    public (string Token, DateTimeOffset ExpiresAt) IssueDashboardSession(string userId, DateTimeOffset expires) =>
        Issue(userId, ["admin"], DashboardAudience, expires);

    private (string Token, DateTimeOffset ExpiresAt) Issue(string userId, IEnumerable<string> roles, string audience, DateTimeOffset expires)
    {
        var now = _time.GetUtcNow();
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, userId) };
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
