using System.Collections.Concurrent;
using System.Data;
using Npgsql;

namespace OtMz.StorageTests;

/// <summary>
/// Runs a query from OrleansQuery the way Orleans' ADO.NET providers do: named parameters with an explicit
/// <see cref="DbType"/> (string → String, grain ids and addresses → AnsiString, DateTime → DateTime, ...), results read
/// by column name.
/// </summary>
internal sealed class ProviderQuery(string connectionString)
{
    private readonly ConcurrentDictionary<string, string> _texts = new();

    public static (string Name, object? Value, DbType Type) P(string name, string? value) => (name, value, DbType.String);

    public static (string Name, object? Value, DbType Type) Ansi(string name, string value) => (name, value, DbType.AnsiString);

    public static (string Name, object? Value, DbType Type) P(string name, int value) => (name, value, DbType.Int32);

    public static (string Name, object? Value, DbType Type) P(string name, int? value) => (name, value, DbType.Int32);

    public static (string Name, object? Value, DbType Type) P(string name, long value) => (name, value, DbType.Int64);

    public static (string Name, object? Value, DbType Type) P(string name, DateTime value) => (name, value, DbType.DateTime);

    public static (string Name, object? Value, DbType Type) P(string name, byte[] value) => (name, value, DbType.Binary);

    public async Task<List<Dictionary<string, object?>>> RunAsync(
        string key,
        params (string Name, object? Value, DbType Type)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await RunAsync(connection, null, key, parameters);
    }

    public async Task<List<Dictionary<string, object?>>> RunAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        string key,
        params (string Name, object? Value, DbType Type)[] parameters)
    {
        if (!_texts.TryGetValue(key, out var text))
        {
            text = await Db.QueryTextAsync(connectionString, key);
            _texts[key] = text;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        foreach (var (name, value, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }

        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }
        while (await reader.NextResultAsync());

        return rows;
    }
}
