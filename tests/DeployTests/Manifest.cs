using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace OtMz.DeployTests;

/// <summary>
/// The objects one kustomization renders to (<c>kubectl kustomize DIR</c>), as JSON trees. Every YAML scalar
/// stays a string, so numbers are read with <see cref="Int"/>.
/// </summary>
internal sealed class Manifest(string directory, IReadOnlyList<JsonObject> objects)
{
    public const string KubectlMissing =
        "kubectl is not installed (not found on PATH). The deploy tests render deploy/k8s with `kubectl kustomize` " +
        "and cannot check the manifests without it: install kubectl (.ci/run installs it on CI) and run them again.";

    private static readonly Lazy<Task<Manifest>> BaseRender = new(() => RenderAsync("deploy/k8s/base"));
    private static readonly Lazy<Task<Manifest>> DevRender = new(() => RenderAsync("deploy/k8s/overlays/dev"));

    public static Task<Manifest> Base => BaseRender.Value;

    public static Task<Manifest> Dev => DevRender.Value;

    public string Directory { get; } = directory;

    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    public static async Task<Manifest> RenderAsync(string relativeDirectory)
    {
        var yaml = await Run.ProgramAsync("kubectl", ["kustomize", Repo.PathOf(relativeDirectory)], Repo.Root,
            TimeSpan.FromMinutes(2), missingHint: KubectlMissing);
        return new Manifest(relativeDirectory, Parse(yaml));
    }

    public static IReadOnlyList<JsonObject> Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var documents = new List<JsonObject>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (ToJson(deserializer.Deserialize<object?>(parser)) is JsonObject document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => Kind(o) == kind);

    public JsonObject Get(string kind, string name) =>
        Find(kind, name) ?? throw new InvalidOperationException(
            $"{Directory} renders no {kind} named {name}; it renders: {string.Join(", ", Objects.Select(o => $"{Kind(o)}/{Name(o)}"))}");

    public JsonObject? Find(string kind, string name) => OfKind(kind).SingleOrDefault(o => Name(o) == name);

    public static string Kind(JsonObject o) => Str(o["kind"]);

    public static string Name(JsonObject o) => Str(o["metadata"]?["name"]);

    public static string Str(JsonNode? node) =>
        node?.GetValue<string>() ?? throw new InvalidOperationException("A value the test needs is missing.");

    public static int Int(JsonNode? node) => int.Parse(Str(node), System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Obj(JsonNode? node) => node as JsonObject ?? throw new InvalidOperationException("An object the test needs is missing.");

    public static IEnumerable<JsonObject> Items(JsonNode? node) => (node as JsonArray)?.OfType<JsonObject>() ?? [];

    public static IReadOnlyList<string> Strings(JsonNode? node) => (node as JsonArray)?.Select(Str).ToList() ?? [];

    public static IReadOnlyDictionary<string, string> Map(JsonNode? node) =>
        (node as JsonObject)?.ToDictionary(kv => kv.Key, kv => Str(kv.Value)) ?? new Dictionary<string, string>();

    /// <summary>A Deployment's, StatefulSet's or Job's pod template.</summary>
    public static JsonObject PodSpec(JsonObject workload) => Obj(workload["spec"]?["template"]?["spec"]);

    public static IReadOnlyDictionary<string, string> PodLabels(JsonObject workload) => Map(workload["spec"]?["template"]?["metadata"]?["labels"]);

    public static IReadOnlyDictionary<string, string> SelectorLabels(JsonObject workload) => Map(workload["spec"]?["selector"]?["matchLabels"]);

    public static JsonObject Container(JsonObject workload) => Assert.Single(Items(PodSpec(workload)["containers"]));

    /// <summary>A container port by name or number, as a probe or a Service's targetPort names it.</summary>
    public static int ContainerPort(JsonObject container, string nameOrNumber)
    {
        if (int.TryParse(nameOrNumber, out var number))
        {
            return number;
        }

        var port = Items(container["ports"]).SingleOrDefault(p => p["name"]?.GetValue<string>() == nameOrNumber)
            ?? throw new InvalidOperationException($"Container {Str(container["name"])} has no port named {nameOrNumber}.");
        return Int(port["containerPort"]);
    }

    public static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(kv => labels.TryGetValue(kv.Key, out var value) && value == kv.Value);

    /// <summary>A ConfigMap's or Secret's data, decoded; null when the object is not part of the render.</summary>
    public IReadOnlyDictionary<string, string>? Data(string kind, string name)
    {
        if (Find(kind, name) is not { } o)
        {
            return null;
        }

        var data = Map(o["data"]).ToDictionary(
            kv => kv.Key,
            kv => kind == "Secret" ? Encoding.UTF8.GetString(Convert.FromBase64String(kv.Value)) : kv.Value);
        foreach (var (key, value) in Map(o["stringData"]))
        {
            data[key] = value;
        }

        return data;
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        IDictionary<object, object?> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key.ToString()!, ToJson(kv.Value)))),
        IList<object?> list => new JsonArray([.. list.Select(ToJson)]),
        _ => JsonValue.Create(value.ToString()),
    };
}
