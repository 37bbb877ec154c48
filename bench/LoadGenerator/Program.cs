using OtMz.LoadGenerator;

Options options;
try
{
    options = Options.Parse(args);
}
catch (OptionsException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("Run with --help for the options.");
    return 64;
}

if (options.Help)
{
    Console.WriteLine(Options.Usage);
    return 0;
}

// The hard stop covers set-up, sending and grace; the watchdog ends the process if even reporting and closing hang.
using var hardStop = new CancellationTokenSource(options.HardLimit);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    hardStop.Cancel();
};
_ = Task.Run(async () =>
{
    await Task.Delay(options.HardLimit + TimeSpan.FromSeconds(45));
    await Console.Error.WriteLineAsync("watchdog: the run did not end in time; exiting");
    Environment.Exit(4);
});

await using var runner = new Runner(options, Console.Out);
var result = await runner.RunAsync(hardStop.Token);
Report.Print(result, Console.Out);
if (options.Out is { } path)
{
    await Report.WriteJsonAsync(result, path);
    Console.WriteLine($"result written to {Path.GetFullPath(path)}");
}

return result.ExitCode;
