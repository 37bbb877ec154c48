using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static OtMz.DeployTests.Manifest;
using static OtMz.DeployTests.Renders;

namespace OtMz.DeployTests;

/// <summary>The dev overlay: its PostgreSQL, its generated Secret, and the migrate and seed Jobs.</summary>
public sealed class DevOverlayTests
{
    [Fact]
    public async Task Every_Secret_reference_resolves_in_the_generated_Secret()
    {
        var m = await Manifest.Dev;
        var secret = Assert.Single(m.OfKind("Secret"));
        Assert.True(IsOtMzSecret(m, Name(secret)));
        foreach (var workload in m.Objects.Where(o => Kind(o) is "Deployment" or "StatefulSet" or "Job"))
        {
            foreach (var variable in ContainerEnv.Of(m, Container(workload)).Values.Where(v => v.Source == EnvSource.Secret))
            {
                Assert.Equal(Name(secret), variable.From);
                Assert.False(string.IsNullOrEmpty(variable.Value), $"{Name(workload)}: {variable.Name} is empty.");
            }
        }
    }

    [Fact]
    public async Task The_connection_string_reaches_the_dev_PostgreSQL_with_its_own_credentials()
    {
        var m = await Manifest.Dev;
        var siloConfiguration = SiloConfiguration(m, Container(SiloDeployment(m)));
        var connection = new NpgsqlConnectionStringBuilder(CodeUnderTest.ConnectionString(siloConfiguration));

        var service = m.Get("Service", "otmz-postgres");
        var database = m.Get("StatefulSet", "otmz-postgres");
        var postgres = Container(database);
        Assert.StartsWith("postgres:15", Str(postgres["image"]), StringComparison.Ordinal);
        Assert.Equal(Name(service), connection.Host);
        Assert.True(Selects(Map(service["spec"]?["selector"]), PodLabels(database)));
        Assert.Equal(Name(service), Str(database["spec"]?["serviceName"]));
        var port = Assert.Single(Items(service["spec"]?["ports"]));
        Assert.Equal(connection.Port, Int(port["port"]));
        Assert.Equal(5432, ContainerPort(postgres, Str(port["targetPort"])));

        var env = ContainerEnv.Of(m, postgres);
        Assert.Equal(env["POSTGRES_DB"].Value, connection.Database);
        Assert.Equal(env["POSTGRES_USER"].Value, connection.Username);
        Assert.Equal(env["POSTGRES_PASSWORD"].Value, connection.Password);

        // The data lives on a volume claimed per pod.
        var claim = Assert.Single(Items(database["spec"]?["volumeClaimTemplates"]));
        Assert.Contains(Items(postgres["volumeMounts"]), v => Str(v["name"]) == Name(claim));
    }

    [Theory]
    [InlineData("otmz-migrate", "migrate")]
    [InlineData("otmz-seed", "seed")]
    public async Task The_one_off_Jobs_run_the_Silo_image_with_its_command_and_the_silos_configuration(string job, string command)
    {
        var m = await Manifest.Dev;
        var silo = Container(SiloDeployment(m));
        var container = Container(m.Get("Job", job));
        Assert.Equal(Str(silo["image"]), Str(container["image"]));
        Assert.Equal([command], Strings(container["args"]));
        Assert.Null(container["command"]);
        Assert.Contains(Str(PodSpec(m.Get("Job", job))["restartPolicy"]), new[] { "OnFailure", "Never" });

        // Silo/Program.cs refuses to run either command without the connection string; the Job's is the silos'.
        var configuration = SiloConfiguration(m, container);
        Assert.NotNull(CodeUnderTest.ConnectionString(configuration));
        Assert.Equal(CodeUnderTest.ConnectionString(SiloConfiguration(m, silo)), CodeUnderTest.ConnectionString(configuration));
    }

    [Fact]
    public async Task Dev_tokens_are_on_and_signed_with_the_shared_dev_key()
    {
        var m = await Manifest.Dev;
        var configuration = ApiConfiguration(m);
        Assert.Equal("true", configuration["Auth:DevTokens"]);
        // The only environment in which the Api honours them (Api/Auth/AuthOptionsValidator.cs).
        Assert.Equal("Development", configuration["environment"]);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(configuration["Auth:SigningKey"] ?? "") >= 32);
        await using var api = CodeUnderTest.BuildApi(configuration);
        api.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        Assert.NotNull(api.Services.GetRequiredService<OtMz.Api.Auth.TokenIssuer>());
    }

    [Fact]
    public async Task The_images_are_tagged_by_the_overlay()
    {
        var m = await Manifest.Dev;
        Assert.Equal("otmz/silo:dev", Str(Container(SiloDeployment(m))["image"]));
        Assert.Equal("otmz/api:dev", Str(Container(ApiDeployment(m))["image"]));
    }
}
