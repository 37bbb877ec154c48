using System.Security.Cryptography;
using System.Text;

namespace OtMz.Importer;

/// <summary>
/// One picture of a crawl folder, named by its path relative to the folder ('/' separators on every OS), which is
/// what the look id, the journal and the report go by.
/// </summary>
public sealed record ImageFile(string FullPath, string RelativePath, long Size, DateTime LastWriteUtc)
{
    public const string DefaultIdPrefix = "import-";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".webp"] = "image/webp",
    };

    public static IReadOnlyCollection<string> Extensions => ContentTypes.Keys;

    public string ContentType => ContentTypes[Path.GetExtension(RelativePath)];

    /// <summary>The sidecar JSON beside the picture: <c>coat.jpg</c> has <c>coat.json</c>.</summary>
    public string SidecarPath => Path.ChangeExtension(FullPath, ".json");

    /// <summary>Every picture under <paramref name="folder"/>, sub-folders included, in ordinal order of relative path.</summary>
    public static IReadOnlyList<ImageFile> Scan(string folder)
    {
        var root = Path.GetFullPath(folder);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        return [.. Directory.EnumerateFiles(root, "*", options)
            .Where(path => ContentTypes.ContainsKey(Path.GetExtension(path)))
            .Select(path =>
            {
                var info = new FileInfo(path);
                return new ImageFile(path, Path.GetRelativePath(root, path).Replace('\\', '/'), info.Length, info.LastWriteTimeUtc);
            })
            .OrderBy(file => file.RelativePath, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A stable id from the relative path, so that importing the same crawl again replaces its looks instead of
    /// adding copies. Two crawls whose files share relative paths need different prefixes.
    /// </summary>
    public static string LookIdFor(string relativePath, string prefix = DefaultIdPrefix) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(relativePath)))[..16];

    /// <summary>"navy_wool-coat.jpg" reads "navy wool coat"; a name with no letters left keeps the file name.</summary>
    public static string TitleFor(string relativePath)
    {
        var fileName = Path.GetFileName(relativePath);
        var words = Path.GetFileNameWithoutExtension(fileName).Replace('_', ' ').Replace('-', ' ')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var title = words.Length > 0 ? string.Join(' ', words) : fileName;
        return title.Length <= MaxTitleLength ? title : title[..MaxTitleLength].TrimEnd();
    }

    public const int MaxTitleLength = 200;
}
