using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using OtMz.TestShared;

namespace OtMz.ApiTests;

/// <summary>
/// The Api talks to grains only through OtMz.Grains.Interfaces: it names no type of the grains assembly, neither in
/// its compiled metadata (every type it calls, constructs or binds) nor in its sources (constants, which the
/// compiler copies in and so leave no reference behind), and it does not reference the Silo program at all.
/// </summary>
public sealed partial class ApiBoundaryTests
{
    [Fact]
    public void The_Api_assembly_references_no_grain_type_outside_the_interfaces()
    {
        using var pe = new PEReader(File.OpenRead(typeof(Program).Assembly.Location));
        var metadata = pe.GetMetadataReader();
        var referenced = new List<string>();
        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            if (AssemblyOf(metadata, type) is "OtMz.Grains" or "OtMz.Silo")
            {
                referenced.Add($"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}");
            }
        }

        Assert.Empty(referenced.Distinct().Order());
        var assemblies = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
        Assert.DoesNotContain("OtMz.Silo", assemblies);
    }

    [Fact]
    public void The_Api_sources_name_no_grain_namespace_outside_the_interfaces()
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Repository.PathOf("Api"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in GrainName().Matches(File.ReadAllText(file)))
            {
                if (GrainAssemblyNames.Contains($"OtMz.Grains.{match.Groups["first"].Value}"))
                {
                    found.Add($"{Path.GetRelativePath(Repository.Root, file)}: {match.Value}");
                }
            }
        }

        Assert.Empty(found);
    }

    private static string? AssemblyOf(MetadataReader metadata, TypeReference type)
    {
        var scope = type.ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference)
        {
            scope = metadata.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        }

        return scope.Kind == HandleKind.AssemblyReference
            ? metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)
            : null;
    }

    /// <summary>The namespaces and top-level type names of the grains assembly (not the interfaces, which are another assembly).</summary>
    private static readonly HashSet<string> GrainAssemblyNames =
    [
        .. typeof(OtMz.Grains.Catalog.CatalogGrain).Assembly.GetTypes()
            .SelectMany(t => new[] { t.Namespace, t.IsNested ? null : t.FullName })
            .OfType<string>()
            .SelectMany(n => Enumerable.Range(3, Math.Max(0, n.Split('.').Length - 2)).Select(k => string.Join('.', n.Split('.').Take(k)))),
    ];

    /// <summary>"OtMz.Grains.X…" or "Grains.X…" (qualified from inside OtMz), in a using or in code.</summary>
    [GeneratedRegex(@"(?<![\w.])(?:OtMz\.)?(?<name>Grains\.(?<first>[A-Z]\w*)(?:\.[A-Z]\w*)*)")]
    private static partial Regex GrainName();
}
