using OtMz.Grains.Taste;

namespace OtMz.Grains.Users;

/// <summary>Everything the platform keeps about a user between activations.</summary>
[GenerateSerializer, Alias("otmz.user-state")]
public sealed class UserState
{
    [Id(0)]
    public UserProfile Profile { get; set; } = UserProfile.Empty;

    /// <summary>Unit-length, non-negative; null until the first signal or survey (then <see cref="TasteModel.Neutral"/>).</summary>
    [Id(1)]
    public float[]? Taste { get; set; }

    /// <summary>Moving average over the 21 colours, in <see cref="Colour"/> order.</summary>
    [Id(2)]
    public float[] ColourAffinity { get; set; } = new float[ColourCount];

    [Id(3)]
    public BoundedIdSet Seen { get; set; } = new();

    [Id(4)]
    public BoundedIdSet Liked { get; set; } = new();

    [Id(5)]
    public BoundedIdSet Disliked { get; set; } = new();

    [Id(7)]
    public long Version { get; set; }

    [Id(8)]
    public long SignalsApplied { get; set; }

    [Id(9)]
    public bool SurveyCompleted { get; set; }

    [Id(10)]
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The context of the latest computed result; a different one bumps <see cref="Version"/>.</summary>
    [Id(11)]
    public ContextStamp? Context { get; set; }

    /// <summary>The ids of the signals sent within the retention period, so a retry is acknowledged and ignored.</summary>
    [Id(13)]
    public SignalIdSet SignalIds { get; set; } = new();

    /// <summary>
    /// Decayed sums of the view signals' evidence and of their count (<see cref="TasteUpdate"/>): their ratio is what a
    /// look the user views typically earns, the baseline every signal is measured against. Zero before the first view.
    /// </summary>
    [Id(14)]
    public float ViewEvidenceSum { get; set; }

    [Id(15)]
    public float ViewCount { get; set; }

    /// <summary>The longest dwell on each look the user viewed, for the ranker's favourites term.</summary>
    [Id(16)]
    public LookEngagement Engagement { get; set; } = new();

    /// <summary>The composer's weights and the outfits the user liked and disliked.</summary>
    [Id(17)]
    public OutfitPreferences Outfits { get; set; } = new();

    /// <summary>Save signals applied (a look saved to the codibook included), for the my page counts.</summary>
    [Id(18)]
    public long Saves { get; set; }

    /// <summary>The push stream's key (<see cref="IUserGrain.GetPushKey"/>); null until a device first connects.</summary>
    [Id(19)]
    public string? PushKey { get; set; }

    /// <summary>The direction learnt from the dwell ordering (<see cref="PairwiseTaste"/>); null while it is off or before the first pair.</summary>
    [Id(20)]
    public float[]? Pairwise { get; set; }

    /// <summary>The ads delivered: the current slate, today's deliveries per campaign (the caps), and the recent ones (clicks).</summary>
    [Id(21)]
    public AdSlate Ads { get; set; } = new();

    public static int ColourCount { get; } = Enum.GetValues<Colour>().Length;
}
