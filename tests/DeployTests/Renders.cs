using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using static OtMz.DeployTests.Manifest;

namespace OtMz.DeployTests;

/// <summary>The two renders under test, and the containers of the code's two processes in them.</summary>
internal static class Renders
{
    public const string BaseName = "base";
    public const string DevName = "dev";

    public const string SecretName = "otmz-secrets";
    public const string ConfigMapName = "otmz-config";

    public static TheoryData<string> Both => new() { BaseName, DevName };

    public static Task<Manifest> Of(string which) => which switch
    {
        BaseName => Manifest.Base,
        DevName => Manifest.Dev,
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    public static Dockerfile SiloImage => Dockerfile.Load("deploy/docker/Silo.Dockerfile");

    public static Dockerfile ApiImage => Dockerfile.Load("deploy/docker/Api.Dockerfile");

    public static JsonObject SiloDeployment(Manifest m) => m.Get("Deployment", "otmz-silo");

    public static JsonObject ApiDeployment(Manifest m) => m.Get("Deployment", "otmz-api");

    /// <summary>
    /// A container's environment with every value filled in. The base renders no Secret (it is created
    /// outside the manifests), so there a Secret's value is a stand-in of the right shape; the dev overlay
    /// generates its Secret and its real values are used.
    /// </summary>
    public static IReadOnlyList<EnvVar> Env(Manifest m, JsonObject container) =>
        [.. ContainerEnv.Of(m, container).Values.Select(e => e.Value is not null ? e : e with { Value = StandIn(e) })];

    public static IConfigurationRoot SiloConfiguration(Manifest m, JsonObject container) =>
        CodeUnderTest.Configuration(CodeUnderTest.Silo, SiloImage.Env, Env(m, container));

    public static IConfigurationRoot ApiConfiguration(Manifest m) =>
        CodeUnderTest.Configuration(CodeUnderTest.Api, ApiImage.Env, Env(m, Container(ApiDeployment(m))));

    /// <summary>True when a Secret reference names the Secret "otmz-secrets" (the dev overlay's generated name carries a hash suffix).</summary>
    public static bool IsOtMzSecret(Manifest m, string? name) =>
        name == SecretName || (m.Directory.Contains("overlays", StringComparison.Ordinal) && name?.StartsWith(SecretName + "-", StringComparison.Ordinal) == true);

    private static string StandIn(EnvVar e) => e.Key == CodeUnderTest.ConnectionStringVariable
        ? "Host=secret-stand-in;Database=otmz;Username=otmz;Password=stand-in"
        : "a-stand-in-for-a-secret-value-of-at-least-32-bytes";
}
