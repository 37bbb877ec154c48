using OtMz.Evaluation;

// dotnet run -c Release --project bench/Evaluation -- --users 200 --rounds 10 --seeds 1,2,3 --out evaluation.json
EvaluationOptions options;
try
{
    options = EvaluationOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var command = "dotnet run -c Release --project bench/Evaluation -- " + string.Join(' ', args);
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
