namespace OtMz.Grains.Push;

/// <summary>
/// What a user's devices were last sent: the version of each kind of <see cref="PushPart"/>. A push asks the ledger
/// before it computes a facet and carries only those whose version moved since, so a closet change sends the closet
/// (and the looks, if the ranking weighs the closet) without recomputing the rest. One per activation: a new
/// activation sends every facet once, which is what a client that reconnected meanwhile needs anyway.
/// </summary>
public sealed class PushLedger
{
    private readonly Dictionary<Type, long> _sent = [];

    /// <summary>Whether <paramref name="version"/> of the facet <typeparamref name="TPart"/> carries has not gone out yet.</summary>
    public bool IsNew<TPart>(long version)
        where TPart : PushPart => !_sent.TryGetValue(typeof(TPart), out var sent) || sent != version;

    /// <summary>Records a part as delivered to the stream.</summary>
    public void Sent(PushPart part) => _sent[part.GetType()] = part.Version;

    /// <summary>Records that the devices have <paramref name="version"/> of a facet without a push (they read it when they connected).</summary>
    public void Known<TPart>(long version)
        where TPart : PushPart => _sent[typeof(TPart)] = version;

    /// <summary>Forgets what was sent (the user was erased): the next push sends every facet.</summary>
    public void Clear() => _sent.Clear();
}
