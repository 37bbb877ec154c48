using System.Globalization;
using System.Security.Cryptography;
using OtMz.VisionTrainer.Cutouts;
using OtMz.VisionTrainer.Model;

if (args is ["cutouts", ..])
{
    return CutoutCommand.Run(args[1..]);
}

// Writes the default style model: renders the training pictures, trains the head and writes the .onnx file. Run from
// the repository root, the default output is the committed file the Api ships (Vision/Models); a relative path
// resolves against the caller's working directory.
//   dotnet run --project tools/VisionTrainer -c Release [-- <output.onnx>] [--seed <n>]
var output = Path.Combine("Vision", "Models", DefaultStyleModel.FileName);
var seed = DefaultStyleModel.DefaultSeed;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--seed" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
    {
        seed = s;
        i++;
    }
    else if (args[i] is "-h" or "--help")
    {
        Console.WriteLine("usage: VisionTrainer [<output.onnx>] [--seed <n>]   (default output Vision/Models/" + DefaultStyleModel.FileName + ")");
        Console.WriteLine("       VisionTrainer cutouts [--count <n>] [--seed <n>] [--worst <n>]   (measures the background remover)");
        return 0;
    }
    else if (!args[i].StartsWith('-'))
    {
        output = args[i];
    }
    else
    {
        Console.Error.WriteLine($"Unknown option '{args[i]}'. Try --help.");
        return 2;
    }
}

output = Path.GetFullPath(output);
Console.WriteLine($"Training the default style model (seed {seed}) into {output}");
var build = DefaultStyleModel.BuildWithReport(seed);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
File.WriteAllBytes(output, build.Model);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"render+extract {build.RenderTime.TotalSeconds:F1} s, train {build.TrainTime.TotalSeconds:F1} s, total {build.TotalTime.TotalSeconds:F1} s"));
Console.WriteLine($"held-out outfits: {build.Final.HeldOut}");
Console.WriteLine($"{build.Model.Length} bytes, SHA-256 {Convert.ToHexString(SHA256.HashData(build.Model)).ToLowerInvariant()}");
return 0;
