namespace OtMz.ClusterTests;

/// <summary>Counts every call that reaches a catalog shard grain, on any silo of the test cluster.</summary>
public sealed class ShardCallCounter : IIncomingGrainCallFilter
{
    private static long _calls;

    public static long Calls => Interlocked.Read(ref _calls);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(ICatalogShardGrain))
        {
            Interlocked.Increment(ref _calls);
        }

        return context.Invoke();
    }
}
