using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace OtMz.LoadGenerator;

/// <summary>
/// The run's users and their connections: a dev token for each, the first page of look ids to send signals about,
/// one hub connection per user (a bounded number opened at a time, each tried three times), and closing them all.
/// Pushes go straight to the user's <see cref="LoadClient"/>; connections the server drops are counted and noted.
/// In the ads scenario each connection also reads the user's snapshot once connected, for the ad slate it delivers.
/// </summary>
public sealed class ClientConnections(Options options, ErrorSamples errors) : IAsyncDisposable
{
    private HttpClient? _http;
    private int _closed;
    private volatile bool _stopping;

    public LoadClient[] Clients { get; } = [.. Enumerable.Range(0, options.Clients).Select(i => new LoadClient(i, $"load-{i + 1:D6}"))];

    /// <summary>The looks signals are about: the first page of the catalog.</summary>
    public string[] LookIds { get; private set; } = [];

    /// <summary>Connections the server or the network closed while the run was going.</summary>
    public int Closed => Volatile.Read(ref _closed);

    public int Connected => Clients.Count(c => c.Connection?.State == HubConnectionState.Connected);

    /// <summary>Clients that got a connection at all (whatever its state now).</summary>
    public int Opened => Clients.Count(c => c.Connection is not null);

    /// <summary>Null when every client is connected, else what went wrong.</summary>
    public async Task<string?> SetUpAsync(CancellationToken ct)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(options.ConnectConcurrency, 2) })
        {
            BaseAddress = options.Url,
            Timeout = TimeSpan.FromSeconds(15),
        };

        // Is anybody there? The first token doubles as the probe.
        try
        {
            Clients[0].Token = await GetTokenAsync(Clients[0].UserId, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return $"server unreachable or refusing dev tokens at {options.Url}: {e.Message}";
        }

        try
        {
            var page = await _http.GetFromJsonAsync<LookPageMessage>("api/v1/looks?limit=100", ct);
            LookIds = [.. (page?.Items ?? []).Select(l => l.Id).OfType<string>()];
            if (LookIds.Length == 0)
            {
                return "GET /api/v1/looks?limit=100 returned no looks: the catalog is empty";
            }

            await Parallel.ForEachAsync(Clients.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = options.ConnectConcurrency, CancellationToken = ct },
                async (client, token) => client.Token = await GetTokenAsync(client.UserId, token));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            return $"set-up requests failed: {e.Message}";
        }

        var failed = 0;
        try
        {
            await Parallel.ForEachAsync(Clients, new ParallelOptions { MaxDegreeOfParallelism = options.ConnectConcurrency, CancellationToken = ct },
                async (client, token) =>
                {
                    if (!await ConnectAsync(client, token))
                    {
                        Interlocked.Increment(ref failed);
                    }
                });
        }
        catch (OperationCanceledException)
        {
            return $"only {Connected} of {Clients.Length} clients connected within the connect timeout ({options.ConnectTimeout} s)";
        }

        return failed > 0 ? $"{failed} of {Clients.Length} clients could not connect to /hubs/style" : null;
    }

    private async Task<string> GetTokenAsync(string userId, CancellationToken ct)
    {
        using var response = await _http!.PostAsJsonAsync("api/v1/auth/dev-token", new { userId }, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException("POST /api/v1/auth/dev-token answered 404: dev tokens are not enabled on this server");
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<DevTokenMessage>(ct);
        return body?.AccessToken ?? throw new InvalidOperationException("dev-token answer without accessToken");
    }

    private async Task<bool> ConnectAsync(LoadClient client, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var url = new Uri(options.Url, $"hubs/style?access_token={Uri.EscapeDataString(client.Token)}");
            var connection = new HubConnectionBuilder()
                .WithUrl(url, o => o.Transports = options.Transport)
                .Build();
            connection.On<VersionOnly>("LooksUpdated", push => client.OnLooks(Stopwatch.GetTimestamp(), push.Version));
            connection.On<VersionOnly>("TasteUpdated", _ => Interlocked.Increment(ref client.TastePushes));
            if (options.Campaigns > 0)
            {
                // The ads scenario reads each slate's campaigns; otherwise only the version is parsed, as before.
                connection.On<AdsMessage>("AdsUpdated", push =>
                {
                    Interlocked.Increment(ref client.AdsPushes);
                    client.OnAds(push);
                });
            }
            else
            {
                connection.On<VersionOnly>("AdsUpdated", _ => Interlocked.Increment(ref client.AdsPushes));
            }

            connection.On<VersionOnly>("OutfitsUpdated", _ => { });
            connection.Closed += error =>
            {
                if (!_stopping)
                {
                    Interlocked.Increment(ref _closed);
                    errors.Note($"{client.UserId} connection closed: {error?.Message ?? "by the server"}");
                }

                return Task.CompletedTask;
            };
            try
            {
                await connection.StartAsync(ct);
                if (options.Campaigns > 0)
                {
                    // The slate this read delivers is the client's first: its ads count as deliveries it saw.
                    client.OnAds((await connection.InvokeAsync<SnapshotAdsMessage>("GetSnapshot", ct)).Ads);
                }

                client.Connection = connection;
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors.Note($"{client.UserId} connect attempt {attempt}: {e.GetType().Name}: {e.Message}");
                await connection.DisposeAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), ct);
            }
            catch (OperationCanceledException)
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        return false;
    }

    /// <summary>Closes every connection, a bounded number at a time, and gives up after 15 seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await Parallel.ForEachAsync(Clients.Where(c => c.Connection is not null),
                new ParallelOptions { MaxDegreeOfParallelism = 100, CancellationToken = timeout.Token },
                async (client, _) => await client.Connection!.DisposeAsync());
        }
        catch (OperationCanceledException)
        {
        }

        _http?.Dispose();
    }
}
