namespace OtMz.Grains.Interfaces;

public enum UserUpdateKind
{
    Taste,
    Looks,
    Ads,

    /// <summary>The profile changed: Api nodes re-read the user's region to route weather pushes.</summary>
    Profile,
}
