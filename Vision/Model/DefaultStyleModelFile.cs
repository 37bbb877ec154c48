namespace OtMz.Vision.Model;

/// <summary>
/// The project's default style model as the runtime sees it: a file that tools/VisionTrainer wrote, committed at
/// Vision/Models and copied beside this assembly by the build, so a host only loads it. The trainer names its
/// graph's input, output and metadata from these constants; docs/vision-model.md says how the file is made.
/// </summary>
public static class DefaultStyleModelFile
{
    public const int Version = 1;

    public const string Name = "otmz-style-default-v1";

    public const string FileName = Name + ".onnx";

    public const string InputName = "image";

    public const string OutputName = "logits";

    /// <summary>Where the build puts the committed model: Models/ beside the running application's assemblies.</summary>
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "Models", FileName);
}
