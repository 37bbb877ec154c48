using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OtMz.Api.Contracts;

namespace OtMz.Api.Auth;

/// <summary>
/// Maps an OpenID Connect provider's subject to the OtMz user id it signs in, the same id every time.
/// A subject of letters, digits, '.', '_', '@' or '-' (starting with a letter or digit) that fits is kept as
/// "provider:subject" (Kakao's numeric ids become "kakao:1234567890"). Any other subject becomes
/// "provider::" and the first 128 bits of its UTF-8 SHA-256 in lower-case hex; "::" never occurs in the first
/// form, so the two can never name the same user.
/// </summary>
public static partial class ExternalUserIds
{
    public static string For(string provider, string subject)
    {
        var readable = $"{provider}:{subject}";
        if (PlainSubject().IsMatch(subject) && UserIds.IsValid(readable))
        {
            return readable;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(subject));
        return $"{provider}::{Convert.ToHexStringLower(digest.AsSpan(0, 16))}";
    }

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._@-]*\z")]
    private static partial Regex PlainSubject();
}
