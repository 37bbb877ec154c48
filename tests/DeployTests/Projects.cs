using System.Xml.Linq;

namespace OtMz.DeployTests;

/// <summary>What a project needs from the repository to restore and build: its project references, and the files it includes from outside its folder.</summary>
internal static class Projects
{
    /// <summary>The csproj files (repository-relative, '/' separated) in the ProjectReference closure of one project, itself included.</summary>
    public static IReadOnlyList<string> Closure(string csproj)
    {
        var seen = new List<string>();
        var pending = new Stack<string>([csproj]);
        while (pending.TryPop(out var next))
        {
            if (seen.Contains(next))
            {
                continue;
            }

            seen.Add(next);
            foreach (var reference in Includes(next, "ProjectReference"))
            {
                pending.Push(reference);
            }
        }

        return seen;
    }

    /// <summary>Folders outside the project's own that its items (other than project references) include, e.g. deploy/sql.</summary>
    public static IReadOnlyList<string> OutsideFolders(string csproj)
    {
        var projectFolder = Path.GetDirectoryName(csproj)!.Replace('\\', '/');
        return
        [
            .. XDocument.Load(Repo.PathOf(csproj)).Descendants()
                .Where(e => e.Name.LocalName != "ProjectReference" && e.Attribute("Include") is not null)
                .Select(e => Relative(csproj, e.Attribute("Include")!.Value))
                .Where(p => !p.StartsWith(projectFolder + "/", StringComparison.Ordinal) && p.Contains('/', StringComparison.Ordinal))
                .Select(p => p[..p.LastIndexOf('/')])
                .Distinct(),
        ];
    }

    private static IEnumerable<string> Includes(string csproj, string item) =>
        XDocument.Load(Repo.PathOf(csproj)).Descendants()
            .Where(e => e.Name.LocalName == item && e.Attribute("Include") is not null)
            .Select(e => Relative(csproj, e.Attribute("Include")!.Value));

    private static string Relative(string csproj, string include)
    {
        var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Repo.PathOf(csproj))!, include.Replace('\\', '/')));
        return Path.GetRelativePath(Repo.Root, full).Replace('\\', '/');
    }
}
