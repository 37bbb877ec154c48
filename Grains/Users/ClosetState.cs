namespace OtMz.Grains.Users;

/// <summary>
/// A user's own garments, stored apart from <see cref="UserState"/> so that a signal's write does not carry the
/// closet and a closet change does not rewrite the taste.
/// </summary>
[GenerateSerializer, Alias("otmz.closet-state")]
public sealed class ClosetState
{
    /// <summary>Oldest first.</summary>
    [Id(0)]
    public List<ClosetItem> Items { get; set; } = [];
}
