using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OtMz.Silo.Schema;

namespace OtMz.StorageTests;

/// <summary>Small helpers over a test database.</summary>
internal static class Db
{
    public static Task<int> MigrateAsync(string connectionString) =>
        SchemaMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);

    public static async Task<List<object?[]>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The text the providers will run for <paramref name="key"/>.</summary>
    public static async Task<string> QueryTextAsync(string connectionString, string key)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return (string?)await command.ExecuteScalarAsync() ?? throw new KeyNotFoundException(key);
    }

    /// <summary>
    /// Everything a migration can create in the public schema, one line per object: tables and their columns,
    /// constraints, indexes, functions. Two equal catalogues mean the schema did not change.
    /// </summary>
    public static async Task<List<string>> CatalogueAsync(string connectionString)
    {
        var rows = await QueryAsync(connectionString,
            """
            SELECT 'column ' || c.table_name || '.' || c.column_name || ' ' || c.data_type || ' ' || c.is_nullable
                   || ' ' || coalesce(c.column_default, '')
            FROM information_schema.columns c WHERE c.table_schema = 'public'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass::text || '.' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT 'function ' || p.oid::regprocedure::text || ' ' || md5(p.prosrc)
            FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
            ORDER BY 1
            """);
        return rows.Select(r => (string)r[0]!).ToList();
    }
}
