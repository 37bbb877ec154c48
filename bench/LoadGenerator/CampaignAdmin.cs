using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace OtMz.LoadGenerator;

/// <summary>
/// The ads scenario's admin side, over the public admin API with a dev token holding the admin role: creates the
/// <see cref="CampaignPlan"/>'s campaigns before the clients connect, reads their reports after the grace, and
/// deletes them at the end (their reports stay readable on the server, and their ids are never reused).
/// </summary>
public sealed class CampaignAdmin(Options options, CampaignPlan plan, ErrorSamples errors) : IDisposable
{
    private const string Path = "api/v1/ads/campaigns";

    private readonly HttpClient _http = new() { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>The campaigns created so far (and so to delete).</summary>
    private readonly List<string> _created = [];

    public CampaignPlan Plan => plan;

    /// <summary>Null when every campaign was created, else what went wrong.</summary>
    public async Task<string?> CreateAsync(CancellationToken ct)
    {
        try
        {
            using (var tokenResponse = await _http.PostAsJsonAsync("api/v1/auth/dev-token", new DevTokenRequestMessage("load-admin", ["admin"]), ct))
            {
                if (!tokenResponse.IsSuccessStatusCode)
                {
                    return $"POST /api/v1/auth/dev-token for an admin answered {(int)tokenResponse.StatusCode}";
                }

                var token = (await tokenResponse.Content.ReadFromJsonAsync<DevTokenMessage>(ct))?.AccessToken;
                _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? throw new InvalidOperationException("admin dev-token answer without accessToken"));
            }

            foreach (var campaign in plan.Campaigns)
            {
                using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Path) { Content = JsonContent.Create(campaign.ToMessage(plan.RunId)) }, ct);
                if (!response.IsSuccessStatusCode)
                {
                    return $"POST /{Path} for {campaign.Id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}";
                }

                _created.Add(campaign.Id);
            }

            return null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            return $"creating the campaigns failed: {e.Message}";
        }
    }

    /// <summary>Every campaign's report by id; a campaign whose report could not be read is missing (and noted).</summary>
    public async Task<Dictionary<string, CampaignReportMessage>> ReportsAsync(CancellationToken ct)
    {
        var reports = await Task.WhenAll(plan.Campaigns.Select(async campaign =>
        {
            try
            {
                return (campaign.Id, Report: await _http.GetFromJsonAsync<CampaignReportMessage>($"{Path}/{Uri.EscapeDataString(campaign.Id)}/report", ct));
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
            {
                errors.Note($"report of {campaign.Id}: {e.GetType().Name}: {e.Message}");
                return (campaign.Id, Report: null);
            }
        }));
        return reports.Where(r => r.Report is not null).ToDictionary(r => r.Id, r => r.Report!, StringComparer.Ordinal);
    }

    /// <summary>Deletes every campaign this run created; returns how many are gone.</summary>
    public async Task<int> DeleteAsync(CancellationToken ct)
    {
        var deleted = 0;
        foreach (var id in _created.ToList())
        {
            try
            {
                using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, $"{Path}/{Uri.EscapeDataString(id)}"), ct);
                if (response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    deleted++;
                    _created.Remove(id);
                }
                else
                {
                    errors.Note($"DELETE /{Path}/{id} answered {(int)response.StatusCode}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                errors.Note($"DELETE /{Path}/{id}: {e.GetType().Name}: {e.Message}");
            }
        }

        return deleted;
    }

    /// <summary>
    /// Sends the request, and again after the wait a 429 names (the admin's writes share one per-user bucket of 60,
    /// refilled by 10 a second, so more than 60 campaigns are created in steps).
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await _http.SendAsync(request(), ct);
            if (response.StatusCode != System.Net.HttpStatusCode.TooManyRequests || attempt == 10)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, ct);
        }
    }

    public void Dispose() => _http.Dispose();
}
