using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OtMz.Grains.Catalog;
using OtMz.Grains.Demo;

namespace OtMz.Silo.Storage;

/// <summary>
/// The cluster mode's catalog: the looks table. A shard loads the rows whose stored id hash falls to it
/// (hash mod shard count, so the shard count can change without rewriting rows); admin writes upsert here
/// before they reach the live shard. A row that cannot be read as a look (a colour name no build knows, a
/// palette that is not a list of entries) is skipped and logged, not thrown: the shard checks the rest.
/// </summary>
public sealed class PostgresCatalogStore(string connectionString, ILogger<PostgresCatalogStore>? logger = null) : ICatalogStore
{
    private readonly ILogger _logger = logger ?? NullLogger<PostgresCatalogStore>.Instance;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string InsertLook = """
        insert into looks (id, id_hash, title, image_url, gender, seasons, occasions, min_temp_c, max_temp_c, palette, garments, style_vector, updated_at)
        values (@id, @id_hash, @title, @image_url, @gender, @seasons, @occasions, @min_temp_c, @max_temp_c, @palette, @garments, @style_vector, now())
        """;

    public async Task<IReadOnlyList<Look>> LoadShardAsync(int shard, int shardCount, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            select id, title, image_url, gender, seasons, occasions, min_temp_c, max_temp_c, palette, garments, style_vector
            from looks where id_hash % @shard_count = @shard
            """, connection);
        command.Parameters.AddWithValue("shard_count", (long)shardCount);
        command.Parameters.AddWithValue("shard", (long)shard);
        var looks = new List<Look>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var unreadable = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            try
            {
                looks.Add(ReadLook(reader));
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidCastException or FormatException)
            {
                if (++unreadable <= 20)
                {
                    _logger.LogWarning("Look row {LookId} skipped: {Reason}", reader.GetString(0), e.Message);
                }
            }
        }

        if (unreadable > 0)
        {
            _logger.LogWarning("Catalog shard {Shard}: {Count} look rows could not be read and were skipped", shard, unreadable);
        }

        return looks;
    }

    private static Look ReadLook(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        Enum.Parse<Gender>(reader.GetString(3), ignoreCase: true),
        [.. reader.GetFieldValue<string[]>(4).Select(s => Enum.Parse<Season>(s, ignoreCase: true))],
        [.. reader.GetFieldValue<string[]>(5).Select(o => Enum.Parse<Occasion>(o, ignoreCase: true))],
        reader.GetInt32(6),
        reader.GetInt32(7),
        [.. JsonSerializer.Deserialize<PaletteEntry[]>(reader.GetString(8), Json) ?? throw new JsonException("palette is null")],
        [.. JsonSerializer.Deserialize<Garment[]>(reader.GetString(9), Json) ?? throw new JsonException("garments is null")],
        StyleVector.Create(reader.GetFieldValue<float[]>(10)));

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

    /// <summary>Writes the seeded demo catalog in batches (the "seed" command of a fresh cluster).</summary>
    public async Task<int> SeedDemoAsync(int count, int seed, CancellationToken cancellationToken)
    {
        var looks = DemoCatalog.Generate(count, seed);
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in looks.Chunk(1000))
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var look in chunk)
            {
                var command = new NpgsqlBatchCommand(InsertLook + " on conflict (id) do nothing");
                AddLook(command.Parameters, look);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        return looks.Length;
    }

    private static void AddLook(NpgsqlCommand command, Look look) => AddLook(command.Parameters, look);

    private static void AddLook(NpgsqlParameterCollection parameters, Look look)
    {
        parameters.AddWithValue("id", look.Id);
        parameters.AddWithValue("id_hash", (long)ShardRouter.Fnv1a(look.Id));
        parameters.AddWithValue("title", look.Title);
        parameters.AddWithValue("image_url", (object?)look.ImageUrl ?? DBNull.Value);
        parameters.AddWithValue("gender", look.Gender.ToString().ToLowerInvariant());
        parameters.AddWithValue("seasons", look.Seasons.Select(s => s.ToString().ToLowerInvariant()).ToArray());
        parameters.AddWithValue("occasions", look.Occasions.Select(o => o.ToString().ToLowerInvariant()).ToArray());
        parameters.AddWithValue("min_temp_c", look.MinTempC);
        parameters.AddWithValue("max_temp_c", look.MaxTempC);
        parameters.Add(new NpgsqlParameter("palette", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(look.Palette, Json) });
        parameters.Add(new NpgsqlParameter("garments", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(look.Garments, Json) });
        parameters.AddWithValue("style_vector", look.StyleVector.ToArray());
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
