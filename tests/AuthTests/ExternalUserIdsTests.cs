using OtMz.Api.Auth;
using OtMz.Api.Contracts;

namespace OtMz.AuthTests;

/// <summary>The provider-subject to user-id mapping documented in docs/security.md.</summary>
public sealed class ExternalUserIdsTests
{
    [Theory]
    [InlineData("kakao", "1234567890", "kakao:1234567890")]
    [InlineData("google", "108204268033311374519", "google:108204268033311374519")]
    [InlineData("test", "mina.kim@example.com", "test:mina.kim@example.com")]
    public void AShortPlainSubjectIsKeptReadable(string provider, string subject, string userId) =>
        Assert.Equal(userId, ExternalUserIds.For(provider, subject));

    [Theory]
    [InlineData("has space")]
    [InlineData("a:b")]
    [InlineData("-leading-dash")]
    [InlineData("trailing-newline\n")]
    [InlineData("사용자")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void AnyOtherSubjectIsHashedIntoAValidUserId(string subject)
    {
        var userId = ExternalUserIds.For("kakao", subject);

        Assert.Matches(@"\Akakao::[0-9a-f]{32}\z", userId);
        Assert.True(UserIds.IsValid(userId));
        Assert.Equal(userId, ExternalUserIds.For("kakao", subject));
    }

    [Fact]
    public void TheSameSubjectAtTwoProvidersIsTwoUsers() =>
        Assert.NotEqual(ExternalUserIds.For("kakao", "1234567890"), ExternalUserIds.For("google", "1234567890"));
}
