using Microsoft.Extensions.Configuration;

namespace OtMz.Hosting;

/// <summary>
/// The cluster mode's switch: with a PostgreSQL connection string ("ConnectionStrings:Postgres"), silos use
/// Orleans' ADO.NET clustering, grain storage and reminders, Api nodes join as ADO.NET-clustered clients, the
/// catalog lives in the looks table and ad campaign definitions in ad_campaigns. Without one, everything stays in
/// memory (the embedded default).
/// </summary>
public static class ClusterStorage
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>The ADO.NET invariant Orleans' providers use to find Npgsql.</summary>
    public const string Invariant = "Npgsql";

    public static string? ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value ? value : null;
}
