using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OtMz.Grains.Ads;
using OtMz.Grains.Demo;

namespace OtMz.Hosting.Storage;

/// <summary>
/// The cluster mode's campaign store: the ad_campaigns table (migration 0008). The registry grain loads every row
/// when it activates and upserts one per change; the silo's <c>seed</c> command writes the demo campaigns here. A
/// row that cannot be read as a campaign (a slot or gender no build knows, a target vector that is no style vector)
/// is skipped and logged, not thrown: the registry serves the rest.
/// </summary>
public sealed class PostgresCampaignStore(string connectionString, ILogger<PostgresCampaignStore>? logger = null) : ICampaignStore
{
    private readonly ILogger _logger = logger ?? NullLogger<PostgresCampaignStore>.Instance;

    private const string Columns =
        "id, title, image_url, link, target_style, target_gender, min_age, max_age, regions, bid, total_budget, daily_budget, " +
        "daily_cap, starts_at, ends_at, paused, time_zone, look_id, item_slot, revision, created_at, updated_at, deleted_at";

    private const string Insert =
        "insert into ad_campaigns (" + Columns + ") values (@id, @title, @image_url, @link, @target_style, @target_gender, " +
        "@min_age, @max_age, @regions, @bid, @total_budget, @daily_budget, @daily_cap, @starts_at, @ends_at, @paused, " +
        "@time_zone, @look_id, @item_slot, @revision, @created_at, @updated_at, @deleted_at)";

    public async Task<IReadOnlyList<StoredCampaign>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select {Columns} from ad_campaigns order by id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var campaigns = new List<StoredCampaign>();
        var unreadable = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            try
            {
                campaigns.Add(Read(reader));
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidCastException or FormatException)
            {
                if (++unreadable <= 20)
                {
                    _logger.LogWarning("Campaign row {CampaignId} skipped: {Reason}", reader.GetString(0), e.Message);
                }
            }
        }

        if (unreadable > 0)
        {
            _logger.LogWarning("{Count} ad_campaigns rows could not be read and were skipped", unreadable);
        }

        return campaigns;
    }

    public async Task SaveAsync(StoredCampaign campaign, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            Insert + " " + """
            on conflict (id) do update set
                title = excluded.title, image_url = excluded.image_url, link = excluded.link,
                target_style = excluded.target_style, target_gender = excluded.target_gender, min_age = excluded.min_age,
                max_age = excluded.max_age, regions = excluded.regions, bid = excluded.bid,
                total_budget = excluded.total_budget, daily_budget = excluded.daily_budget, daily_cap = excluded.daily_cap,
                starts_at = excluded.starts_at, ends_at = excluded.ends_at, paused = excluded.paused,
                time_zone = excluded.time_zone, look_id = excluded.look_id, item_slot = excluded.item_slot,
                revision = excluded.revision, created_at = excluded.created_at, updated_at = excluded.updated_at,
                deleted_at = excluded.deleted_at
            """, connection);
        Add(command.Parameters, campaign);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the demo campaigns (<see cref="DemoCampaigns"/>) of a fresh cluster, keeping any campaign whose id is
    /// already stored, edited or deleted: seeding again never undoes an operator's change. Returns how many were new.
    /// </summary>
    public async Task<int> SeedDemoAsync(CancellationToken cancellationToken) =>
        await SeedAsync(DemoCampaigns.Create(), cancellationToken);

    /// <summary>Inserts <paramref name="campaigns"/> whose ids are not stored yet; returns how many were new.</summary>
    public async Task<int> SeedAsync(IEnumerable<AdCampaign> campaigns, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var campaign in campaigns)
        {
            var command = new NpgsqlBatchCommand(Insert + " on conflict (id) do nothing");
            Add(command.Parameters, new StoredCampaign(campaign));
            batch.BatchCommands.Add(command);
        }

        return batch.BatchCommands.Count == 0 ? 0 : await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static StoredCampaign Read(NpgsqlDataReader reader) => new(
        new AdCampaign(
            Id: reader.GetString(0),
            Title: reader.GetString(1),
            ImageUrl: NullableString(reader, 2),
            Link: reader.GetString(3),
            TargetStyle: StyleVector.Create(reader.GetFieldValue<float[]>(4)),
            TargetGender: NullableString(reader, 5) is { } gender ? WireName.Parse<Gender>(gender) : null,
            MinAge: reader.IsDBNull(6) ? null : reader.GetInt32(6),
            MaxAge: reader.IsDBNull(7) ? null : reader.GetInt32(7),
            Regions: [.. reader.GetFieldValue<string[]>(8)],
            Bid: reader.GetDouble(9),
            TotalBudget: reader.GetInt64(10),
            DailyBudget: reader.IsDBNull(11) ? null : reader.GetInt64(11),
            DailyCap: reader.GetInt32(12),
            StartsAt: reader.GetFieldValue<DateTimeOffset>(13),
            EndsAt: NullableTime(reader, 14),
            Paused: reader.GetBoolean(15),
            TimeZone: reader.GetString(16),
            LookId: NullableString(reader, 17),
            ItemSlot: NullableString(reader, 18) is { } slot ? WireName.Parse<GarmentSlot>(slot) : null,
            Revision: reader.GetInt64(19),
            CreatedAt: reader.GetFieldValue<DateTimeOffset>(20),
            UpdatedAt: reader.GetFieldValue<DateTimeOffset>(21)),
        NullableTime(reader, 22));

    private static void Add(NpgsqlParameterCollection parameters, StoredCampaign stored)
    {
        var c = stored.Campaign;
        parameters.AddWithValue("id", c.Id);
        parameters.AddWithValue("title", c.Title);
        parameters.AddWithValue("image_url", (object?)c.ImageUrl ?? DBNull.Value);
        parameters.AddWithValue("link", c.Link);
        parameters.AddWithValue("target_style", c.TargetStyle.ToArray());
        parameters.AddWithValue("target_gender", c.TargetGender is { } gender ? WireName.Of(gender) : DBNull.Value);
        parameters.AddWithValue("min_age", (object?)c.MinAge ?? DBNull.Value);
        parameters.AddWithValue("max_age", (object?)c.MaxAge ?? DBNull.Value);
        parameters.AddWithValue("regions", c.Regions.IsDefault ? Array.Empty<string>() : c.Regions.ToArray());
        parameters.AddWithValue("bid", c.Bid);
        parameters.AddWithValue("total_budget", c.TotalBudget);
        parameters.AddWithValue("daily_budget", (object?)c.DailyBudget ?? DBNull.Value);
        parameters.AddWithValue("daily_cap", c.DailyCap);
        parameters.AddWithValue("starts_at", c.StartsAt.ToUniversalTime());
        parameters.AddWithValue("ends_at", c.EndsAt is { } end ? end.ToUniversalTime() : DBNull.Value);
        parameters.AddWithValue("paused", c.Paused);
        parameters.AddWithValue("time_zone", c.TimeZone);
        parameters.AddWithValue("look_id", (object?)c.LookId ?? DBNull.Value);
        parameters.AddWithValue("item_slot", c.ItemSlot is { } slot ? WireName.Of(slot) : DBNull.Value);
        parameters.AddWithValue("revision", c.Revision);
        parameters.AddWithValue("created_at", c.CreatedAt.ToUniversalTime());
        parameters.AddWithValue("updated_at", c.UpdatedAt.ToUniversalTime());
        parameters.AddWithValue("deleted_at", stored.DeletedAt is { } deleted ? deleted.ToUniversalTime() : DBNull.Value);
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
