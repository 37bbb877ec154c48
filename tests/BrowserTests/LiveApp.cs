using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace OtMz.BrowserTests;

/// <summary>
/// The embedded Api (with the web client its build put beside it) on a real Kestrel socket on loopback, and the
/// system's headless Chromium driven by Playwright for .NET. Playwright's own browser downloads are never used:
/// the browser is the OS package, found by <see cref="ChromiumPath"/>; without it the tests fail and say so.
/// </summary>
public class LiveApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public LiveApp()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>For a fixture that needs more settings than these (SignInApp: its OIDC providers), applied after them.</summary>
    protected LiveApp(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(0);
        StartServer();
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development, because dev tokens (the sign-in screen's) are honoured nowhere else.
        builder.UseEnvironment("Development");
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("Orleans:SiloPort", Loopback.FreePort().ToString());
        builder.UseSetting("Orleans:GatewayPort", Loopback.FreePort().ToString());
        builder.UseSetting("Orleans:ClusterId", $"browser-tests-{Guid.NewGuid():N}");
        builder.UseSetting("Catalog:DemoLooks", "3000");
        builder.UseSetting("Catalog:ShardCount", "8");
        builder.UseSetting("Auth:DevTokens", "true");
        builder.UseSetting("Auth:SigningKey", "browser-tests-signing-key-long-enough-0123456789");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>The OS package's Chromium: OTMZ_CHROMIUM if set, else the usual Debian and other paths.</summary>
    public static string ChromiumPath()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("OTMZ_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" };
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p))
            ?? throw new InvalidOperationException(
                "No Chromium found for the browser tests (looked for OTMZ_CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser, " +
                "/usr/bin/google-chrome). Install the OS package: apt-get install chromium (.ci/run does this).");
    }

    public async Task InitializeAsync()
    {
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // Containers run as root without a user namespace sandbox; /dev/shm is small there.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await DisposeAsync();
        await DisposeMoreAsync();
    }

    /// <summary>What a derived fixture started besides the Api, disposed after it.</summary>
    protected virtual Task DisposeMoreAsync() => Task.CompletedTask;

    /// <summary>A fresh browser context (its own storage, so its own session) at a phone's viewport unless told.</summary>
    public async Task<IPage> NewPageAsync(int width = 390, int height = 844, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Screenshots go under the test output folder, as the run's artefacts.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
