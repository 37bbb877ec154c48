using Spectre.Console;
using Spectre.Console.Rendering;

namespace OtMz.Importer;

/// <summary>A progress column reading "120/5000 files  14.2/s": Spectre's own columns count bytes, not files.</summary>
public sealed class FilesColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Markup($"{task.Value:0}/{task.MaxValue:0} files  [grey]{task.Speed ?? 0:0.0}/s[/]");
}
