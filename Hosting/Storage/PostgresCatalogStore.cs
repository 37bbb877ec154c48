using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OtMz.Grains.Catalog;
using OtMz.Grains.Demo;

namespace OtMz.Hosting.Storage;

/// <summary>
/// The cluster mode's catalog: the looks table. A shard loads the rows whose stored id hash falls to it by binary COPY
/// (hash mod shard count, so the shard count can change without rewriting rows); admin writes upsert here
/// before they reach the live shard. A row that cannot be read as a look (a colour name no build knows, a
/// palette that is not a list of entries) is skipped and logged, not thrown: the shard checks the rest.
/// </summary>
public sealed class PostgresCatalogStore(string connectionString, ILogger<PostgresCatalogStore>? logger = null) : ICatalogStore
{
    private readonly ILogger _logger = logger ?? NullLogger<PostgresCatalogStore>.Instance;

    private const string InsertLook = """
        insert into looks (id, id_hash, title, image_url, gender, seasons, occasions, min_temp_c, max_temp_c, palette, garments, style_vector, updated_at)
        values (@id, @id_hash, @title, @image_url, @gender, @seasons, @occasions, @min_temp_c, @max_temp_c, @palette, @garments, @style_vector, now())
        """;

    public async Task<IReadOnlyList<Look>> LoadShardAsync(int shard, int shardCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        await using var connection = await OpenAsync(cancellationToken);

        // COPY takes no parameters; both numbers are integers checked above, formatted invariantly.
        var copy = string.Create(CultureInfo.InvariantCulture,
            $"copy (select {LookRows.ExportColumns} from looks where id_hash % {shardCount} = {shard}) to stdout (format binary)");
        var looks = new List<Look>();
        var unreadable = 0;
        var json = new LookJson();
        await using (var reader = await connection.BeginBinaryExportAsync(copy, cancellationToken))
        {
            while (await reader.StartRowAsync(cancellationToken) != -1)
            {
                var row = await LookRows.ReadAsync(reader, cancellationToken);
                try
                {
                    looks.Add(LookRows.ToLook(row, json));
                }
                catch (Exception e) when (e is JsonException or ArgumentException or InvalidCastException or FormatException)
                {
                    if (++unreadable <= 20)
                    {
                        _logger.LogWarning("Look row {LookId} skipped: {Reason}", row.Id, e.Message);
                    }
                }
            }
        }

        if (unreadable > 0)
        {
            _logger.LogWarning("Catalog shard {Shard}: {Count} look rows could not be read and were skipped", shard, unreadable);
        }

        return looks;
    }

    public async Task UpsertAsync(Look look, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            InsertLook + " " + """
            on conflict (id) do update set
                title = excluded.title, image_url = excluded.image_url, gender = excluded.gender, seasons = excluded.seasons,
                occasions = excluded.occasions, min_temp_c = excluded.min_temp_c, max_temp_c = excluded.max_temp_c,
                palette = excluded.palette, garments = excluded.garments, style_vector = excluded.style_vector, updated_at = now()
            """, connection);
        AddLook(command, look);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string lookId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("delete from looks where id = @id", connection);
        command.Parameters.AddWithValue("id", lookId);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Writes the seeded demo catalog (the "seed" command of a fresh cluster) and returns how many looks were new.
    /// The rows go in by binary COPY: straight into an empty table, else into a temporary table first, from which only
    /// ids the table lacks are inserted, so that running it again keeps every existing look as it is. The table is
    /// locked against other writers meanwhile, so two seeds at once cannot both take it for empty.
    /// </summary>
    public async Task<int> SeedDemoAsync(int count, int seed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "lock table looks in share row exclusive mode", cancellationToken);
        await using (var probe = new NpgsqlCommand("select exists (select 1 from looks)", connection))
        {
            var empty = !(bool)(await probe.ExecuteScalarAsync(cancellationToken))!;
            var target = empty ? "looks" : "looks_seed";
            if (!empty)
            {
                await ExecuteAsync(connection, "create temporary table looks_seed (like looks including defaults) on commit drop", cancellationToken);
            }

            await using (var writer = await connection.BeginBinaryImportAsync(
                $"copy {target} ({LookRows.ImportColumns}) from stdin (format binary)", cancellationToken))
            {
                // Generated a block at a time on every core (as DemoCatalog.Generate does), so a large catalog never
                // sits in memory whole while COPY streams it.
                var block = new Look[Math.Min(count, SeedBlock)];
                for (var first = 0; first < count; first += block.Length)
                {
                    var size = Math.Min(block.Length, count - first);
                    Parallel.For(0, size, i => block[i] = DemoCatalog.Create(first + i, seed));
                    for (var i = 0; i < size; i++)
                    {
                        await LookRows.WriteAsync(writer, block[i], cancellationToken);
                    }
                }

                await writer.CompleteAsync(cancellationToken);
            }

            var written = count;
            if (!empty)
            {
                await using var insert = new NpgsqlCommand(
                    $"insert into looks ({LookRows.ImportColumns}) select {LookRows.ImportColumns} from looks_seed on conflict (id) do nothing",
                    connection);
                written = await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return written;
        }
    }

    private const int SeedBlock = 16_384;

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddLook(NpgsqlCommand command, Look look) => AddLook(command.Parameters, look);

    private static void AddLook(NpgsqlParameterCollection parameters, Look look)
    {
        parameters.AddWithValue("id", look.Id);
        parameters.AddWithValue("id_hash", (long)ShardRouter.Fnv1a(look.Id));
        parameters.AddWithValue("title", look.Title);
        parameters.AddWithValue("image_url", (object?)look.ImageUrl ?? DBNull.Value);
        parameters.AddWithValue("gender", LookRows.GenderText(look));
        parameters.AddWithValue("seasons", LookRows.SeasonTexts(look));
        parameters.AddWithValue("occasions", LookRows.OccasionTexts(look));
        parameters.AddWithValue("min_temp_c", look.MinTempC);
        parameters.AddWithValue("max_temp_c", look.MaxTempC);
        parameters.Add(new NpgsqlParameter("palette", NpgsqlDbType.Jsonb) { Value = LookRows.PaletteJson(look) });
        parameters.Add(new NpgsqlParameter("garments", NpgsqlDbType.Jsonb) { Value = LookRows.GarmentsJson(look) });
        parameters.AddWithValue("style_vector", look.StyleVector.ToArray());
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
