using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OtMz.Api.Auth;
using OtMz.Hosting.Operations;
using static OtMz.DeployTests.Manifest;
using static OtMz.DeployTests.Renders;

namespace OtMz.DeployTests;

/// <summary>
/// The rendered base and dev overlay against the code: every port, path, variable and selector the
/// manifests give is one the code reads, and what the code builds from the container's environment is the
/// cluster the manifests describe.
/// </summary>
public sealed class ManifestTests
{
    private static readonly string[] OtMzDeployments = ["otmz-silo", "otmz-api"];

    [Theory]
    [MemberData(nameof(Renders.Both), MemberType = typeof(Renders))]
    public async Task Silo_container_ports_are_the_code_defaults_and_what_the_code_configures(string which)
    {
        var m = await Of(which);
        var container = Container(SiloDeployment(m));

        // The code's defaults: what UseOtMzClustering configures when no port is set.
        var defaults = new ConfigurationBuilder()
            .AddInMemoryCollection([new($"ConnectionStrings:{OtMz.Hosting.ClusterStorage.ConnectionStringName}", "Host=unused")])
            .Build();
        await using (var bare = CodeUnderTest.BuildSilo(defaults))
        {
            var endpoints = bare.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
            Assert.Equal(endpoints.SiloPort, ContainerPort(container, "silo"));
            Assert.Equal(endpoints.GatewayPort, ContainerPort(container, "gateway"));
        }

        // And what it configures from this container's environment.
        await using var silo = CodeUnderTest.BuildSilo(SiloConfiguration(m, container));
        var configured = silo.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(ContainerPort(container, "silo"), configured.SiloPort);
        Assert.Equal(ContainerPort(container, "gateway"), configured.GatewayPort);
        Assert.Equal(ContainerEnv.Downward["status.podIP"], configured.AdvertisedIPAddress?.ToString());
        Assert.Equal(ContainerEnv.Downward["metadata.name"], silo.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
    }

    [Theory]
    [MemberData(nameof(Renders.Both), MemberType = typeof(Renders))]
    public async Task Every_probe_is_a_route_the_code_maps_on_the_port_the_container_listens_on(string which)
    {
        var m = await Of(which);
        var routes = await CodeUnderTest.OperationsRoutesAsync();
        var expected = new Dictionary<string, string>
        {
            ["startupProbe"] = "/health/startup",
            ["readinessProbe"] = "/health/ready",
            ["livenessProbe"] = "/health/live",
        };
        foreach (var name in OtMzDeployments)
        {
            var container = Container(m.Get("Deployment", name));
            var configuration = name == "otmz-silo" ? SiloConfiguration(m, container) : ApiConfiguration(m);
            var listening = ListeningPorts(configuration, name);
            foreach (var (probe, path) in expected)
            {
                var get = Obj(container[probe]?["httpGet"]);
                Assert.Equal(path, Str(get["path"]));
                Assert.Contains(path, routes);
                var port = ContainerPort(container, Str(get["port"]));
                Assert.True(listening.Contains(port), $"{name}: {probe} probes port {port}, but Urls = {configuration["Urls"]} listens on {string.Join(", ", listening)}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Renders.Both), MemberType = typeof(Renders))]
    public async Task Prometheus_scrapes_each_process_on_the_management_port_its_code_serves_metrics_on(string which)
    {
        var m = await Of(which);
        foreach (var name in OtMzDeployments)
        {
            var deployment = m.Get("Deployment", name);
            var container = Container(deployment);
            var configuration = name == "otmz-silo" ? SiloConfiguration(m, container) : ApiConfiguration(m);
            var annotations = Map(deployment["spec"]?["template"]?["metadata"]?["annotations"]);

            // The code serves /metrics on this port and nowhere else; the process listens on it, and the pod declares it.
            var port = MetricsExposure.From(configuration).Port;
            Assert.True(port is not null, $"{name}: no {MetricsExposure.PortSetting}, so /metrics is for admins on the public port.");
            Assert.Equal("true", annotations["prometheus.io/scrape"]);
            Assert.Equal(port.ToString(), annotations["prometheus.io/port"]);
            Assert.Equal(MetricsExposure.Path, annotations["prometheus.io/path"]);
            Assert.Equal(port, ContainerPort(container, "metrics"));
            Assert.Contains(port!.Value, ListeningPorts(configuration, name));
            Assert.Contains(MetricsExposure.Path, await CodeUnderTest.OperationsRoutesAsync(configuration));

            // Probes stay on the HTTP port, which is not the management port.
            Assert.NotEqual(port, ContainerPort(container, Str(container["readinessProbe"]?["httpGet"]?["port"])));
        }

        // The Service clients reach does not lead to the management port.
        var apiContainer = Container(ApiDeployment(m));
        var managementPort = MetricsExposure.From(ApiConfiguration(m)).Port;
        foreach (var servicePort in Items(m.Get("Service", "otmz-api")["spec"]?["ports"]))
        {
            Assert.NotEqual(managementPort, ContainerPort(apiContainer, Str(servicePort["targetPort"])));
        }
    }

    [Theory]
    [MemberData(nameof(Renders.Both), MemberType = typeof(Renders))]
    public async Task Silo_gets_its_name_and_address_from_the_downward_API(string which)
    {
        var m = await Of(which);
        var env = ContainerEnv.Of(m, Container(SiloDeployment(m)));
        Assert.Equal((EnvSource.FieldRef, "metadata.name"), (env["POD_NAME"].Source, env["POD_NAME"].From));
        Assert.Equal((EnvSource.FieldRef, "status.podIP"), (env["POD_IP"].Source, env["POD_IP"].From));
    }

    [Theory]
    [MemberData(nameof(Renders.Both), MemberType = typeof(Renders))]
    public async Task The_connection_string_comes_from_the_Secret_and_switches_every_process_to_the_cluster_mode(string which)
    {
        var m = await Of(which);
        var workloads = OtMzDeployments.Select(n => m.Get("Deployment", n)).Concat(m.OfKind("Job")).ToList();
        foreach (var workload in workloads)
        {
            var env = ContainerEnv.Of(m, Container(workload));
            Assert.True(env.TryGetValue(CodeUnderTest.ConnectionStringVariable, out var variable), $"{Name(workload)} has no {CodeUnderTest.ConnectionStringVariable}.");
            Assert.Equal(EnvSource.Secret, variable.Source);
            Assert.True(IsOtMzSecret(m, variable.From), $"{Name(workload)} takes it from Secret {variable.From}.");
            Assert.Equal(CodeUnderTest.ConnectionStringVariable, variable.Key);

            var project = Name(workload) == "otmz-api" ? CodeUnderTest.Api : CodeUnderTest.Silo;
            var image = project == CodeUnderTest.Api ? ApiImage : SiloImage;
            Assert.NotNull(CodeUnderTest.ConnectionString(CodeUnderTest.Configuration(project, image.Env, Env(m, Container(workload)))));
        }

        // Secrets never sit in the ConfigMap.
        var config = m.Data("ConfigMap", ConfigMapName)!;
        Assert.DoesNotContain(config.Keys, k => k.StartsWith("ConnectionStrings", StringComparison.Ordinal) || k.Contains("SigningKey", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Renders.Both), MemberType = typeof(Renders))]
    public async Task The_Api_is_a_client_of_the_same_cluster_the_silos_form(string which)
    {
        var m = await Of(which);
        var siloConfiguration = SiloConfiguration(m, Container(SiloDeployment(m)));
        var apiConfiguration = ApiConfiguration(m);

        Assert.Equal("client", apiConfiguration["Orleans:Mode"]);
        // The identity and the shard count are set once, in the ConfigMap, for both.
        var config = m.Data("ConfigMap", ConfigMapName)!;
        foreach (var key in new[] { "Orleans__ServiceId", "Orleans__ClusterId", "Catalog__ShardCount" })
        {
            Assert.True(config.ContainsKey(key), $"{ConfigMapName} does not set {key}.");
        }

        Assert.Equal(siloConfiguration["Orleans:ServiceId"], apiConfiguration["Orleans:ServiceId"]);
        Assert.Equal(siloConfiguration["Orleans:ClusterId"], apiConfiguration["Orleans:ClusterId"]);
        Assert.Equal(siloConfiguration["Catalog:ShardCount"], apiConfiguration["Catalog:ShardCount"]);

        // What the code builds from them: the same cluster identity, the same membership table.
        await using var silo = CodeUnderTest.BuildSilo(siloConfiguration);
        await using var api = CodeUnderTest.BuildApi(apiConfiguration);
        var siloCluster = silo.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        var apiCluster = api.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal(siloCluster.ServiceId, apiCluster.ServiceId);
        Assert.Equal(siloCluster.ClusterId, apiCluster.ClusterId);
        Assert.Equal(config["Orleans__ServiceId"], siloCluster.ServiceId);
        Assert.Equal(config["Orleans__ClusterId"], siloCluster.ClusterId);

        var siloTable = silo.Services.GetRequiredService<IOptions<AdoNetClusteringSiloOptions>>().Value;
        var apiTable = api.Services.GetRequiredService<IOptions<AdoNetClusteringClientOptions>>().Value;
        Assert.False(string.IsNullOrEmpty(siloTable.ConnectionString));
        Assert.Equal(siloTable.ConnectionString, apiTable.ConnectionString);
        Assert.Equal(siloTable.Invariant, apiTable.Invariant);

        // The checks Orleans itself runs on its options when a silo or a client starts.
        var validators = silo.Services.GetServices<IConfigurationValidator>().Concat(api.Services.GetServices<IConfigurationValidator>()).ToList();
        Assert.NotEmpty(validators);
        foreach (var validator in validators)
        {
            validator.ValidateConfiguration();
        }
    }

    [Theory]
    [MemberData(nameof(Renders.Both), MemberType = typeof(Renders))]
    public async Task The_Api_signs_tokens_with_the_Secrets_key(string which)
    {
        var m = await Of(which);
        var env = ContainerEnv.Of(m, Container(ApiDeployment(m)));
        var key = env["Auth__SigningKey"];
        Assert.Equal(EnvSource.Secret, key.Source);
        Assert.True(IsOtMzSecret(m, key.From));

        var configuration = ApiConfiguration(m);
        Assert.Equal(which == DevName ? "true" : "false", configuration["Auth:DevTokens"]);
        // Dev tokens are honoured in Development only, and only the dev overlay runs the Api there.
        Assert.Equal(which == DevName ? "Development" : null, configuration["environment"]);
        await using var api = CodeUnderTest.BuildApi(configuration);
        // The checks the Api runs before it starts (AuthOptionsValidator refuses a missing or short key, or dev
        // tokens outside Development); it would exit instead of serving.
        api.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(api.Services.GetRequiredService<TokenIssuer>().ValidationParameters.IssuerSigningKey);
    }

    [Theory]
    [MemberData(nameof(Renders.Both), MemberType = typeof(Renders))]
    public async Task Logs_are_json_on_every_process(string which)
    {
        var m = await Of(which);
        Assert.Equal("json", SiloConfiguration(m, Container(SiloDeployment(m)))["Logging:Console:FormatterName"]);
        Assert.Equal("json", ApiConfiguration(m)["Logging:Console:FormatterName"]);
    }

    [Theory]
    [MemberData(nameof(Renders.Both), MemberType = typeof(Renders))]
    public async Task A_silo_has_120_seconds_to_leave_and_its_host_uses_them(string which)
    {
        var m = await Of(which);
        var deployment = SiloDeployment(m);
        var grace = Int(PodSpec(deployment)["terminationGracePeriodSeconds"]);
        Assert.Equal(120, grace);

        await using var silo = CodeUnderTest.BuildSilo(SiloConfiguration(m, Container(deployment)));
        var shutdown = silo.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        Assert.True(shutdown < TimeSpan.FromSeconds(grace), $"The host's shutdown timeout {shutdown} must end before Kubernetes kills the pod ({grace} s).");
        Assert.True(shutdown >= TimeSpan.FromSeconds(grace / 2), $"The host's shutdown timeout {shutdown} wastes most of the {grace} s grace period.");
    }

    [Theory]
    [MemberData(nameof(Renders.Both), MemberType = typeof(Renders))]
    public async Task The_PDB_and_the_HPA_target_the_silo_Deployment(string which)
    {
        var m = await Of(which);
        var silo = SiloDeployment(m);
        var siloPods = PodLabels(silo);
        var apiPods = PodLabels(ApiDeployment(m));
        Assert.True(Selects(SelectorLabels(silo), siloPods));

        var pdb = Assert.Single(m.OfKind("PodDisruptionBudget"), p => Selects(Map(p["spec"]?["selector"]?["matchLabels"]), siloPods));
        Assert.False(Selects(Map(pdb["spec"]?["selector"]?["matchLabels"]), apiPods), "The silo PDB also selects Api pods.");
        Assert.True(pdb["spec"]?["minAvailable"] is not null || pdb["spec"]?["maxUnavailable"] is not null);

        var hpa = Assert.Single(m.OfKind("HorizontalPodAutoscaler"));
        Assert.Equal("autoscaling/v2", Str(hpa["apiVersion"]));
        var target = Obj(hpa["spec"]?["scaleTargetRef"]);
        Assert.Equal(("apps/v1", "Deployment", Name(silo)), (Str(target["apiVersion"]), Str(target["kind"]), Str(target["name"])));
        Assert.Contains(Items(hpa["spec"]?["metrics"]), metric => metric["resource"]?["name"]?.GetValue<string>() == "cpu");
        Assert.True(Int(hpa["spec"]?["minReplicas"]) >= 2, "One silo is no cluster: keep at least two.");
    }

    [Theory]
    [MemberData(nameof(Renders.Both), MemberType = typeof(Renders))]
    public async Task The_Api_Service_sends_port_80_to_the_Api_pods_HTTP_port(string which)
    {
        var m = await Of(which);
        var api = ApiDeployment(m);
        var service = m.Get("Service", "otmz-api");
        var selector = Map(service["spec"]?["selector"]);
        Assert.True(Selects(selector, PodLabels(api)), "otmz-api does not select the Api pods.");
        Assert.False(Selects(selector, PodLabels(SiloDeployment(m))), "otmz-api also selects silo pods.");
        Assert.True(Selects(SelectorLabels(api), PodLabels(api)));

        var port = Assert.Single(Items(service["spec"]?["ports"]));
        Assert.Equal(80, Int(port["port"]));
        var target = ContainerPort(Container(api), Str(port["targetPort"]));
        Assert.Equal(8080, target);
        Assert.Contains(target, ListeningPorts(ApiConfiguration(m), "otmz-api"));
    }

    [Theory]
    [MemberData(nameof(Renders.Both), MemberType = typeof(Renders))]
    public async Task Every_pod_runs_as_non_root(string which)
    {
        var m = await Of(which);
        foreach (var workload in m.Objects.Where(o => Kind(o) is "Deployment" or "StatefulSet" or "Job"))
        {
            var pod = PodSpec(workload);
            foreach (var container in Items(pod["containers"]))
            {
                var nonRoot = container["securityContext"]?["runAsNonRoot"] ?? pod["securityContext"]?["runAsNonRoot"];
                Assert.True(nonRoot?.GetValue<string>() == "true", $"{Kind(workload)}/{Name(workload)}: {Str(container["name"])} may run as root.");
                var user = container["securityContext"]?["runAsUser"] ?? pod["securityContext"]?["runAsUser"];
                Assert.True(user is null || Int(user) != 0);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Renders.Both), MemberType = typeof(Renders))]
    public async Task Workloads_run_the_image_of_their_project_and_take_settings_only_from_the_ConfigMap_and_Secret(string which)
    {
        var m = await Of(which);
        Assert.StartsWith("otmz/silo", Str(Container(SiloDeployment(m))["image"]), StringComparison.Ordinal);
        Assert.StartsWith("otmz/api", Str(Container(ApiDeployment(m))["image"]), StringComparison.Ordinal);
        foreach (var name in OtMzDeployments)
        {
            var container = Container(m.Get("Deployment", name));
            Assert.Null(container["args"]);
            Assert.Null(container["command"]);
            Assert.Equal([ConfigMapName], Items(container["envFrom"]).Select(e => Str(e["configMapRef"]?["name"])));
            foreach (var variable in ContainerEnv.Of(m, container).Values.Where(v => v.Source == EnvSource.Secret))
            {
                Assert.True(IsOtMzSecret(m, variable.From), $"{name}: {variable.Name} comes from Secret {variable.From}.");
            }
        }
    }

    [Fact]
    public async Task The_base_defines_no_Secret_and_no_namespace()
    {
        var m = await Manifest.Base;
        Assert.Empty(m.OfKind("Secret"));
        Assert.All(m.Objects, o => Assert.Null(o["metadata"]?["namespace"]));
    }

    /// <summary>The ports a process binds on every interface, from its effective Urls.</summary>
    internal static IReadOnlySet<int> ListeningPorts(IConfiguration configuration, string who)
    {
        var urls = configuration["Urls"] ?? throw new InvalidOperationException($"{who}: no Urls.");
        var ports = new HashSet<int>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = BindingAddress.Parse(url);
            Assert.True(address.Host is "+" or "*" or "0.0.0.0" or "[::]", $"{who}: Urls = {urls} does not listen on every interface, so no probe or Service reaches {url}.");
            ports.Add(address.Port);
        }

        return ports;
    }
}
