using System.Text.Json.Nodes;
using static OtMz.DeployTests.Manifest;

namespace OtMz.DeployTests;

/// <summary>Where one environment variable of a container comes from.</summary>
internal enum EnvSource
{
    Literal,
    ConfigMap,
    Secret,
    FieldRef,
}

/// <summary>One environment variable as Kubernetes would set it; Value is null when its Secret is not rendered.</summary>
internal sealed record EnvVar(string Name, EnvSource Source, string? Value, string? From = null, string? Key = null);

/// <summary>
/// A container's environment resolved the way the kubelet does it: envFrom first, then env, later entries
/// winning; ConfigMap and Secret values taken from the same render, the downward API simulated.
/// </summary>
internal static class ContainerEnv
{
    /// <summary>What the downward API would give a pod; any address will do, nothing is sent to it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Downward = new Dictionary<string, string>
    {
        ["metadata.name"] = "otmz-silo-7d9f8-abcde",
        ["metadata.namespace"] = "otmz",
        ["status.podIP"] = "192.0.2.17",
    };

    public static IReadOnlyDictionary<string, EnvVar> Of(Manifest manifest, JsonObject container)
    {
        var result = new Dictionary<string, EnvVar>(StringComparer.Ordinal);
        foreach (var source in Items(container["envFrom"]))
        {
            var prefix = source["prefix"]?.GetValue<string>() ?? "";
            if (source["configMapRef"] is JsonObject configMap)
            {
                var name = Str(configMap["name"]);
                var data = manifest.Data("ConfigMap", name)
                    ?? throw new InvalidOperationException($"{manifest.Directory}: envFrom names ConfigMap {name}, which it does not render.");
                foreach (var (key, value) in data)
                {
                    result[prefix + key] = new EnvVar(prefix + key, EnvSource.ConfigMap, value, name, key);
                }
            }
            else if (source["secretRef"] is JsonObject secret)
            {
                var name = Str(secret["name"]);
                foreach (var (key, value) in manifest.Data("Secret", name) ?? new Dictionary<string, string>())
                {
                    result[prefix + key] = new EnvVar(prefix + key, EnvSource.Secret, value, name, key);
                }
            }
        }

        foreach (var variable in Items(container["env"]))
        {
            var name = Str(variable["name"]);
            result[name] = variable["valueFrom"] switch
            {
                null => new EnvVar(name, EnvSource.Literal, variable["value"]?.GetValue<string>() ?? ""),
                JsonObject { } from when from["fieldRef"] is JsonObject field => FieldRef(name, Str(field["fieldPath"])),
                JsonObject { } from when from["configMapKeyRef"] is JsonObject reference => KeyRef(manifest, "ConfigMap", name, reference),
                JsonObject { } from when from["secretKeyRef"] is JsonObject reference => KeyRef(manifest, "Secret", name, reference),
                _ => throw new InvalidOperationException($"Env var {name}: unsupported valueFrom."),
            };
        }

        return result;
    }

    private static EnvVar FieldRef(string name, string path) =>
        new(name, EnvSource.FieldRef,
            Downward.TryGetValue(path, out var value) ? value : throw new InvalidOperationException($"Env var {name}: fieldRef {path} is not simulated."),
            path);

    private static EnvVar KeyRef(Manifest manifest, string kind, string name, JsonObject reference)
    {
        var objectName = Str(reference["name"]);
        var key = Str(reference["key"]);
        var data = manifest.Data(kind, objectName);
        if (data is null && kind == "ConfigMap")
        {
            throw new InvalidOperationException($"{manifest.Directory}: env var {name} names ConfigMap {objectName}, which it does not render.");
        }

        string? value = null;
        if (data is not null && !data.TryGetValue(key, out value))
        {
            throw new InvalidOperationException($"{manifest.Directory}: env var {name} names key {key} of {kind} {objectName}, which has no such key.");
        }

        return new EnvVar(name, kind == "Secret" ? EnvSource.Secret : EnvSource.ConfigMap, value, objectName, key);
    }
}
