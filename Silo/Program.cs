using Microsoft.Extensions.Hosting;
using OtMz.Silo;

// A standalone silo: grains only, no HTTP. The embedded run co-hosts the same silo inside the Api instead.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo
    .UseOtMzLocalhostClustering(builder.Configuration)
    .AddOtMzGrains(builder.Configuration));
await builder.Build().RunAsync();
