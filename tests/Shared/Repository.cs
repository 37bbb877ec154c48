namespace OtMz.TestShared;

/// <summary>
/// The repository the tests run in, found by walking up from the test binaries to OtMz.sln: for the tests that read
/// the repository's own files (docs, migrations). Linked into each test project that needs it.
/// </summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OtMz.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No OtMz.sln in {AppContext.BaseDirectory} or any folder above it.");
    }
}
