using OtMz.Grains;
using OtMz.Grains.Taste;

namespace OtMz.UnitTests;

public class TasteOptionsValidatorTests
{
    private static readonly TasteOptionsValidator Validator = new();

    [Fact]
    public void TheDefaultsKeepSignalIdsForADayWithAQuotaOfTwentyThousand()
    {
        var defaults = new TasteOptions();

        Assert.True(Validator.Validate(null, defaults).Succeeded);
        Assert.Equal(TimeSpan.FromHours(24), defaults.SignalIdRetention);
        Assert.Equal(20_000, defaults.SignalQuota);
    }

    [Fact]
    public void ARetentionShorterThanADayIsRefusedNamingTheSetting()
    {
        var result = Validator.Validate(null, new TasteOptions { SignalIdRetention = TimeSpan.FromHours(23) });

        Assert.True(result.Failed);
        Assert.Contains("Taste:SignalIdRetention", result.FailureMessage);
    }

    [Fact]
    public void AQuotaSmallerThanOneFullBatchIsRefusedNamingTheSetting()
    {
        var result = Validator.Validate(null, new TasteOptions { SignalQuota = SignalRules.MaxBatch - 1 });

        Assert.True(result.Failed);
        Assert.Contains("Taste:SignalQuota", result.FailureMessage);
        Assert.True(Validator.Validate(null, new TasteOptions { SignalQuota = SignalRules.MaxBatch, SignalIdRetention = TimeSpan.FromDays(7) }).Succeeded);
    }
}
