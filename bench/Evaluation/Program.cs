using System.Collections.Immutable;
using OtMz.Evaluation;

// dotnet run -c Release --project bench/Evaluation -- --users 200 --rounds 10 --seeds 1,2,3 --out evaluation.json
// dotnet run -c Release --project bench/Evaluation -- outfits   (the composer's fill-in-the-blank bench, OutfitFillInTheBlank.cs)
if (args is ["outfits", .. var outfitArgs])
{
    try
    {
        return OutfitFillInTheBlank.RunCommand(outfitArgs, Console.Out);
    }
    catch (Exception e) when (e is ArgumentException or FormatException)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
}

EvaluationOptions options;
ImmutableArray<OfflineVariant> variants;
try
{
    // --variant and --experiment (OfflineExperiment.cs) run the platform once per variant; the rest is the harness's.
    (variants, var rest) = OfflineExperiment.Split(args);
    options = EvaluationOptions.Parse(rest);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var command = "dotnet run -c Release --project bench/Evaluation -- " + string.Join(' ', args);
if (!variants.IsEmpty)
{
    var experiment = await OfflineExperiment.RunAsync(options, variants, command, Console.Error);
    OfflineExperiment.WriteTable(experiment, Console.Out);
    if (options.Out is { } experimentPath)
    {
        await File.WriteAllTextAsync(experimentPath, OfflineExperiment.ToJson(experiment));
        Console.WriteLine($"wrote {Path.GetFullPath(experimentPath)}");
    }

    return 0;
}

var report = await Evaluator.RunAsync(options, command, Console.Error);
report.WriteTable(Console.Out);
Console.WriteLine();
Console.WriteLine($"{report.ElapsedSeconds} s on {report.Machine.Cores} cores");
if (options.Out is { } path)
{
    await File.WriteAllTextAsync(path, report.ToJson());
    Console.WriteLine($"wrote {Path.GetFullPath(path)}");
}

return 0;
