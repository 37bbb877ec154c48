using Npgsql;
using OtMz.Grains.Images;

namespace OtMz.Hosting.Storage;

/// <summary>The cluster mode's image store: the images table (bytes in the row, the owner of a closet image, the look of a catalog photo).</summary>
public sealed class PostgresImageStore(string connectionString) : IImageStore
{
    public async Task SaveAsync(StoredImage image, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            insert into images (id, content_type, bytes, width, height, owner_id, look_id)
            values (@id, @content_type, @bytes, @width, @height, @owner_id, @look_id)
            on conflict (id) do update set
                content_type = excluded.content_type, bytes = excluded.bytes, width = excluded.width,
                height = excluded.height, owner_id = excluded.owner_id, look_id = excluded.look_id
            """, connection);
        command.Parameters.AddWithValue("id", image.Id);
        command.Parameters.AddWithValue("content_type", image.ContentType);
        command.Parameters.AddWithValue("bytes", image.Bytes);
        command.Parameters.AddWithValue("width", image.Width);
        command.Parameters.AddWithValue("height", image.Height);
        command.Parameters.AddWithValue("owner_id", (object?)image.OwnerId ?? DBNull.Value);
        command.Parameters.AddWithValue("look_id", (object?)image.LookId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredImage?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "select content_type, bytes, width, height, owner_id, look_id from images where id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredImage(id, reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetInt32(2), reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5));
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("delete from images where id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
