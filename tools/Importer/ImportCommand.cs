using System.Diagnostics;
using System.Net.Http.Headers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OtMz.Importer;

/// <summary>
/// The importer's command line: parses the command line, gets a token, runs <see cref="LookImporter"/>
/// behind a progress bar (or plain lines when the output is not a terminal) and prints the summary.
/// Exit codes: 0 all imported or skipped, 1 some files failed, 2 a usage error or a refused token (or a journal
/// that cannot be used), 130 interrupted by Ctrl+C.
/// </summary>
public sealed class ImportCommand : AsyncCommand<ImportSettings>
{
    public const int Succeeded = 0;
    public const int SomeFailed = 1;
    public const int UsageOrAuth = 2;
    public const int Interrupted = 130;

    public const string TokenVariable = "OTMZ_TOKEN";

    private const string ReachabilityPath = "api/v1/styles";

    private static readonly TimeSpan PlainLineEvery = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C lets the uploads in flight end and the journal close; a second one ends the process.
            if (!cancel.IsCancellationRequested)
            {
                e.Cancel = true;
                cancel.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var app = new CommandApp<ImportCommand>().WithDescription(
                "Imports a folder of pictures (a catalog crawl) as looks through the API (POST /api/v1/looks), resumably.");
            app.Configure(config =>
            {
                config.SetApplicationName("OtMz.Importer");
                config.UseStrictParsing();
                config.AddExample("./crawl", "--dev-token");
                config.AddExample("./crawl", "--api", "https://otmz.example.com", "--gender", "women", "--seasons", "autumn,winter", "--min-temp", "-5", "--max-temp", "15", "-p", "8");
                config.SetExceptionHandler((exception, _) =>
                {
                    if (exception is CommandAppException usage)
                    {
                        AnsiConsole.Write(usage.Pretty ?? new Markup($"[red]Error:[/] {Markup.Escape(usage.Message)}{Environment.NewLine}"));
                        return UsageOrAuth;
                    }

                    AnsiConsole.WriteException(exception, ExceptionFormats.ShortenEverything);
                    return SomeFailed;
                });
            });
            if (args.Length == 0)
            {
                await app.RunAsync(["--help"], cancel.Token);
                return UsageOrAuth;
            }

            return await app.RunAsync(args, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ImportSettings settings, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        using var http = new HttpClient
        {
            BaseAddress = new Uri(settings.Api.EndsWith('/') ? settings.Api : settings.Api + "/"),
            Timeout = TimeSpan.FromMinutes(2),
        };

        // A wrong --api would otherwise fail every file after three tries each, and journal them all as failed.
        if (await UnreachableAsync(http, cancellationToken) is { } unreachable)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] cannot reach the API at {http.BaseAddress}: {unreachable}");
            return UsageOrAuth;
        }

        var token = settings.Token ?? Environment.GetEnvironmentVariable(TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            if (!settings.DevToken)
            {
                console.MarkupLine($"[red]Error:[/] no token: pass --token, set {TokenVariable}, or add --dev-token against the embedded run.");
                return UsageOrAuth;
            }

            try
            {
                token = await DevToken.FetchAsync(http, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                console.MarkupLineInterpolated($"[red]Error:[/] no dev token: {e.Message}");
                return UsageOrAuth;
            }
        }

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var importer = new LookImporter(http, new ImportOptions(settings.Folder)
        {
            JournalPath = settings.Journal,
            Defaults = settings.Defaults,
            IdPrefix = settings.IdPrefix,
            Parallel = settings.Parallel,
            SkipFailed = settings.SkipFailed,
        });

        ImportSummary summary;
        try
        {
            summary = console.Profile.Capabilities.Interactive
                ? await WithProgressBarAsync(console, importer, settings.Folder, cancellationToken)
                : await WithPlainLinesAsync(console, importer, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Most likely the journal: held by another import of the same folder, or not writable.
            console.MarkupLineInterpolated($"[red]Error:[/] {e.Message}");
            return UsageOrAuth;
        }

        Print(console, summary, settings);
        return summary switch
        {
            { Refusal: not null } => UsageOrAuth,
            { Interrupted: true } => Interrupted,
            { Failed: > 0 } => SomeFailed,
            _ => Succeeded,
        };
    }

    private static Task<ImportSummary> WithProgressBarAsync(IAnsiConsole console, LookImporter importer, string folder, CancellationToken cancellationToken) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new FilesColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape($"Scanning {folder}")).IsIndeterminate();
                var progress = new InlineProgress<ImportProgress>(report =>
                {
                    if (report.Last is null)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = Math.Max(report.Pending, 1);
                        task.Value = report.Pending == 0 ? 1 : 0;
                        task.Description = report.Skipped > 0 ? $"Importing ({report.Skipped} already imported)" : "Importing";
                        return;
                    }

                    task.Value = report.Completed;
                    if (report.Last.Outcome == ImportOutcome.Failed)
                    {
                        console.MarkupLineInterpolated($"[red]failed[/] {report.Last.RelativePath}: {Reason(report.Last)}");
                    }
                });
                var summary = await importer.RunAsync(progress, cancellationToken);
                task.StopTask();
                return summary;
            });

    /// <summary>Redirected output: a line every few seconds and one per failure, which logs and CI keep readably.</summary>
    private static Task<ImportSummary> WithPlainLinesAsync(IAnsiConsole console, LookImporter importer, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var lastLine = started;
        var progress = new InlineProgress<ImportProgress>(report =>
        {
            if (report.Last is null)
            {
                console.WriteLine($"Importing {report.Pending} files ({report.Skipped} already imported)");
                return;
            }

            if (report.Last.Outcome == ImportOutcome.Failed)
            {
                console.WriteLine($"failed {report.Last.RelativePath}: {Reason(report.Last)}");
            }

            if (Stopwatch.GetElapsedTime(lastLine) >= PlainLineEvery || report.Completed == report.Pending)
            {
                lastLine = Stopwatch.GetTimestamp();
                var elapsed = Stopwatch.GetElapsedTime(started);
                var rate = report.Completed / Math.Max(elapsed.TotalSeconds, 0.001);
                var eta = TimeSpan.FromSeconds(Math.Round((report.Pending - report.Completed) / Math.Max(rate, 0.001)));
                console.WriteLine($"{report.Completed}/{report.Pending} files, {rate:0.0}/s, ETA {eta:c}");
            }
        });
        return importer.RunAsync(progress, cancellationToken);
    }

    private static void Print(IAnsiConsole console, ImportSummary summary, ImportSettings settings)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        table.AddRow("Imported", $"[green]{summary.Imported}[/]");
        table.AddRow("Skipped (already imported)", summary.Skipped.ToString());
        if (summary.NotRetried > 0)
        {
            table.AddRow("Not retried (failed before)", summary.NotRetried.ToString());
        }

        table.AddRow("Failed", summary.Failed > 0 ? $"[red]{summary.Failed}[/]" : "0");
        if (summary.NotAttempted > 0)
        {
            table.AddRow("Not attempted", $"[yellow]{summary.NotAttempted}[/]");
        }

        table.AddRow("Total", summary.Total.ToString());
        table.AddRow("Elapsed", summary.Elapsed.ToString(@"hh\:mm\:ss\.f"));
        table.AddRow("Images/s", summary.ImagesPerSecond.ToString("0.0"));
        console.Write(table);

        if (summary.Failed > 0)
        {
            var failures = new Table().Border(TableBorder.Simple).Title("[red]Failures[/]").AddColumn("File").AddColumn("Status").AddColumn("Reason");
            foreach (var failure in summary.Failures)
            {
                failures.AddRow(Markup.Escape(failure.RelativePath), failure.Status?.ToString() ?? "-", Markup.Escape(failure.Message ?? ""));
            }

            console.Write(failures);
        }

        if (summary.UnreadableJournalLines > 0)
        {
            console.MarkupLine($"[yellow]Ignored {summary.UnreadableJournalLines} unreadable journal line(s) (a run cut short leaves one); a file recorded only there was uploaded again.[/]");
        }

        if (summary.Refusal is { } refusal)
        {
            console.MarkupLineInterpolated($"[red]Stopped:[/] {refusal.Message}");
            console.MarkupLine($"[red]Nothing more was sent.[/] Pass an admin's token with --token or {TokenVariable}.");
        }
        else if (summary.Interrupted)
        {
            console.MarkupLine("[yellow]Interrupted.[/] Run the same command again to resume; finished files are in the journal.");
        }
        else if (summary.Failed > 0)
        {
            console.MarkupLine(settings.SkipFailed
                ? "Some files failed; fix them (or their sidecars) and run again: changed files are retried."
                : "Some files failed; run again to retry them, or add --skip-failed to leave them.");
        }
    }

    /// <summary>Any HTTP answer from a public route will do; only no answer at all stops the run before it starts.</summary>
    private static async Task<string?> UnreachableAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(ReachabilityPath, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return null;
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {http.Timeout.TotalSeconds:0} s";
        }
    }

    private static string Reason(ImportResult result) => result.Status is { } status ? $"{status} {result.Message}" : result.Message ?? "";
}
