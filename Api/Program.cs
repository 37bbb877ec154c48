using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json.Serialization;
using OtMz.Api.Auth;
using OtMz.Api.Endpoints;
using OtMz.Api.Infrastructure;
using OtMz.Silo;

var builder = WebApplication.CreateBuilder(args);

// The embedded default: this process co-hosts a silo with localhost clustering and in-memory storage.
builder.UseOrleans(silo => silo
    .UseOtMzLocalhostClustering(builder.Configuration)
    .AddOtMzGrains(builder.Configuration));

builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddOtMzAuth(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(o =>
    // "NaN" and "Infinity" are read so that the vector check can name them, never written.
    o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals);
builder.Services.AddOtMzOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "OtMz v1");
    o.RoutePrefix = "docs";
});

app.MapAuthApi();
app.MapStylesApi();
app.MapLooksApi();
app.MapUsersApi();
app.MapSignalsApi();
app.MapRecommendationsApi();
app.MapRegionsApi();

app.Run();

/// <summary>Visible to WebApplicationFactory in the Api tests.</summary>
public partial class Program;
