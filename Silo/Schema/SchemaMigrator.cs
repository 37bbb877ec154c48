using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OtMz.Silo.Schema;

/// <summary>One numbered schema script, e.g. <c>0002_orleans_persistence.sql</c>: version 2, name "orleans_persistence".</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script (UTF-8, line endings normalised to LF), lower-case hex.</summary>
    public string Checksum => ComputeChecksum(Sql);

    private static string ComputeChecksum(string sql)
    {
        var normalised = sql.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }
}

/// <summary>
/// Applies the schema under deploy/sql (embedded in this assembly as "sql.NNNN_name.sql") to a PostgreSQL database:
/// the explicit, idempotent migrate step of a real deployment. Applied scripts are recorded in
/// <c>schema_migrations</c>; a script already applied is never run again, and one whose text has changed since is
/// refused. A session advisory lock makes concurrent migrators (two pods starting at once) take turns, and each
/// script runs in its own transaction together with its record, so a failed script leaves nothing behind.
/// </summary>
public static partial class SchemaMigrator
{
    /// <summary>The advisory lock every OtMz migrator takes (ASCII "OtMzSchm").</summary>
    public const long AdvisoryLockKey = 0x4F744D7A_5363686D;

    private const string ResourcePrefix = "sql.";

    private const string CreateHistoryTable =
        """
        CREATE TABLE IF NOT EXISTS schema_migrations
        (
            version    integer     NOT NULL,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT schema_migrations_pkey PRIMARY KEY (version)
        )
        """;

    /// <summary>Applies every embedded script the database lacks, in order; returns how many it applied.</summary>
    public static Task<int> MigrateAsync(string connectionString, ILogger logger, CancellationToken cancellationToken) =>
        MigrateAsync(connectionString, EmbeddedMigrations(), logger, cancellationToken);

    /// <summary>Applies the given scripts the database lacks, in version order; returns how many it applied.</summary>
    public static async Task<int> MigrateAsync(
        string connectionString,
        IReadOnlyList<SchemaMigration> migrations,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(logger);
        var ordered = Validate(migrations);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // Session-level: held across the per-script transactions, released on unlock or when the connection drops.
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", AdvisoryLockKey));
        try
        {
            await ExecuteAsync(connection, null, CreateHistoryTable, cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            CheckApplied(ordered, applied, logger);

            var count = 0;
            foreach (var migration in ordered.Where(m => !applied.ContainsKey(m.Version)))
            {
                logger.LogInformation("Applying schema migration {Version:D4} {Name}", migration.Version, migration.Name);
                await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
                {
                    await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                    await ExecuteAsync(
                        connection,
                        transaction,
                        "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, now())",
                        cancellationToken,
                        ("version", migration.Version),
                        ("name", migration.Name),
                        ("checksum", migration.Checksum));
                    await transaction.CommitAsync(cancellationToken);
                }

                count++;
            }

            logger.LogInformation(
                "Schema is at version {Version:D4}: {Applied} migration(s) applied now, {Total} known",
                ordered.Count == 0 ? 0 : ordered[^1].Version, count, ordered.Count);
            return count;
        }
        finally
        {
            // Best effort: when the connection is already broken, closing it releases the lock anyway.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                try
                {
                    await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", AdvisoryLockKey));
                }
                catch (NpgsqlException exception)
                {
                    logger.LogWarning(exception, "Could not release the schema migration lock; closing the connection releases it");
                }
            }
        }
    }

    /// <summary>The scripts embedded from deploy/sql, in version order.</summary>
    public static IReadOnlyList<SchemaMigration> EmbeddedMigrations()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[ResourcePrefix.Length..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Schema script '{fileName}' is not named NNNN_name.sql (four digits, an underscore, lower-case words).");
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Schema script resource '{resource}' cannot be read.");
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            migrations.Add(new SchemaMigration(
                int.Parse(match.Groups["version"].Value, NumberStyles.None, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                reader.ReadToEnd()));
        }

        return Validate(migrations);
    }

    private static List<SchemaMigration> Validate(IEnumerable<SchemaMigration> migrations)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        foreach (var migration in ordered)
        {
            if (migration.Version <= 0)
            {
                throw new InvalidOperationException($"Schema migration '{migration.Name}' has version {migration.Version}; versions start at 1.");
            }

            if (string.IsNullOrWhiteSpace(migration.Sql))
            {
                throw new InvalidOperationException($"Schema migration {migration.Version:D4} '{migration.Name}' is empty.");
            }
        }

        var duplicate = ordered.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Schema migration version {duplicate.Key:D4} is used by more than one script: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }

        return ordered;
    }

    private static void CheckApplied(
        List<SchemaMigration> known,
        Dictionary<int, (string Name, string Checksum)> applied,
        ILogger logger)
    {
        var byVersion = known.ToDictionary(m => m.Version);
        foreach (var (version, record) in applied.OrderBy(a => a.Key))
        {
            if (!byVersion.TryGetValue(version, out var migration))
            {
                logger.LogWarning(
                    "The database has schema migration {Version:D4} {Name}, which this build does not know; a newer build applied it",
                    version, record.Name);
                continue;
            }

            if (!string.Equals(migration.Checksum, record.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"Schema migration {version:D4} '{record.Name}' was applied with checksum {record.Checksum}, but the script " +
                    $"'{migration.Version:D4}_{migration.Name}.sql' now has checksum {migration.Checksum}. An applied migration " +
                    "must never change: restore the original script and put the change in a new, higher-numbered one. " +
                    "Nothing was applied.");
            }
        }
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(
        NpgsqlConnection connection,
        CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, (string, string)>();
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return applied;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9]+(?:_[a-z0-9]+)*)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
