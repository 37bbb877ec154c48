using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using OtMz.Grains.Catalog;

namespace OtMz.Hosting.Storage;

/// <summary>
/// A row of the looks table in PostgreSQL's binary COPY format, both ways: <see cref="PostgresCatalogStore"/> loads a
/// shard by exporting its rows and seeds the demo catalog by importing them. Columns are read as their stored types
/// (text, text[], integer, jsonb as its text, real[]); turning them into a <see cref="Look"/> is a separate step, so a
/// row whose values no build understands can be skipped after its columns have all been consumed.
/// </summary>
internal static class LookRows
{
    /// <summary>The exported columns, in the order <see cref="ReadAsync"/> consumes them.</summary>
    public const string ExportColumns = "id, title, image_url, gender, seasons, occasions, min_temp_c, max_temp_c, palette, garments, style_vector";

    /// <summary>The imported columns, in the order <see cref="WriteAsync"/> writes them.</summary>
    public const string ImportColumns = "id, id_hash, title, image_url, gender, seasons, occasions, min_temp_c, max_temp_c, palette, garments, style_vector";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One exported row as stored, before any of it is interpreted.</summary>
    public readonly record struct Raw(
        string Id, string Title, string? ImageUrl, string Gender, string[] Seasons, string[] Occasions,
        int MinTempC, int MaxTempC, string Palette, string Garments, float[] StyleVector);

    /// <summary>Reads the columns of the row <see cref="NpgsqlBinaryExporter.StartRowAsync"/> has just started.</summary>
    public static async ValueTask<Raw> ReadAsync(NpgsqlBinaryExporter reader, CancellationToken cancellationToken)
    {
        var id = await reader.ReadAsync<string>(NpgsqlDbType.Text, cancellationToken);
        var title = await reader.ReadAsync<string>(NpgsqlDbType.Text, cancellationToken);
        string? imageUrl = null;
        if (reader.IsNull)
        {
            await reader.SkipAsync(cancellationToken);
        }
        else
        {
            imageUrl = await reader.ReadAsync<string>(NpgsqlDbType.Text, cancellationToken);
        }

        return new Raw(
            id,
            title,
            imageUrl,
            await reader.ReadAsync<string>(NpgsqlDbType.Text, cancellationToken),
            await reader.ReadAsync<string[]>(NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken),
            await reader.ReadAsync<string[]>(NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken),
            await reader.ReadAsync<int>(NpgsqlDbType.Integer, cancellationToken),
            await reader.ReadAsync<int>(NpgsqlDbType.Integer, cancellationToken),
            await reader.ReadAsync<string>(NpgsqlDbType.Jsonb, cancellationToken),
            await reader.ReadAsync<string>(NpgsqlDbType.Jsonb, cancellationToken),
            await reader.ReadAsync<float[]>(NpgsqlDbType.Array | NpgsqlDbType.Real, cancellationToken));
    }

    /// <summary>
    /// The look a stored row describes. Throws <see cref="JsonException"/>, <see cref="ArgumentException"/> or
    /// <see cref="FormatException"/> for values no look can have (an unknown colour or season, a palette that is null).
    /// </summary>
    public static Look ToLook(in Raw row, LookJson json) => new(
        row.Id,
        json.Share(row.Title),
        row.ImageUrl,
        Enum.Parse<Gender>(row.Gender, ignoreCase: true),
        [.. row.Seasons.Select(s => Enum.Parse<Season>(s, ignoreCase: true))],
        [.. row.Occasions.Select(o => Enum.Parse<Occasion>(o, ignoreCase: true))],
        row.MinTempC,
        row.MaxTempC,
        json.Palette(row.Palette),
        json.Garments(row.Garments),
        StyleVector.Create(row.StyleVector));

    /// <summary>Writes one row of <see cref="ImportColumns"/>, stored as <see cref="PostgresCatalogStore"/>'s upsert stores it.</summary>
    public static async ValueTask WriteAsync(NpgsqlBinaryImporter writer, Look look, CancellationToken cancellationToken)
    {
        await writer.StartRowAsync(cancellationToken);
        await writer.WriteAsync(look.Id, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync((long)ShardRouter.Fnv1a(look.Id), NpgsqlDbType.Bigint, cancellationToken);
        await writer.WriteAsync(look.Title, NpgsqlDbType.Text, cancellationToken);
        if (look.ImageUrl is null)
        {
            await writer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await writer.WriteAsync(look.ImageUrl, NpgsqlDbType.Text, cancellationToken);
        }

        await writer.WriteAsync(GenderText(look), NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(SeasonTexts(look), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(OccasionTexts(look), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(look.MinTempC, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync(look.MaxTempC, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync(PaletteJson(look), NpgsqlDbType.Jsonb, cancellationToken);
        await writer.WriteAsync(GarmentsJson(look), NpgsqlDbType.Jsonb, cancellationToken);
        await writer.WriteAsync(look.StyleVector.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Real, cancellationToken);
    }

    public static string GenderText(Look look) => look.Gender.ToString().ToLowerInvariant();

    public static string[] SeasonTexts(Look look) => [.. look.Seasons.Select(s => s.ToString().ToLowerInvariant())];

    public static string[] OccasionTexts(Look look) => [.. look.Occasions.Select(o => o.ToString().ToLowerInvariant())];

    public static string PaletteJson(Look look) => JsonSerializer.Serialize(look.Palette, Json);

    public static string GarmentsJson(Look look) => JsonSerializer.Serialize(look.Garments, Json);
}
