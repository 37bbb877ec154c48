using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using System.Text.Json.Serialization;
using OtMz.Api.Auth;
using OtMz.Api.Endpoints;
using OtMz.Api.Infrastructure;
using OtMz.Hosting;
using OtMz.Api.Realtime;
using OtMz.Vision;
using OtMz.Hosting.Operations;

var builder = WebApplication.CreateBuilder(args);

// The embedded default co-hosts a silo (localhost clustering, in-memory storage); "Orleans:Mode=client" joins a cluster instead.
builder.AddOtMzOrleans();

builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddOtMzAuth(builder.Configuration);
builder.Services.AddOtMzLimits(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(o =>
    // Numbers are JSON numbers only, not "12" or "NaN" strings (the reader names the field that has one), so the
    // OpenAPI document can type them as plain numbers.
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
builder.Services.AddOtMzOpenApi();
builder.Services.AddOtMzOperations(builder.Configuration);
builder.Services.AddSignalR();
builder.Services.AddSingleton<PushRelay>();
// The overload gate's Api half reads its own copy of the gate's settings: a client-mode node has no silo to bind them.
builder.Services.AddOptions<OverloadOptions>().Bind(builder.Configuration.GetSection("Push")).ValidateOnStart();
builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OverloadOptions>, OverloadOptionsValidator>());
builder.Services.AddSingleton<SignalDoor>();
builder.Services.AddOtMzVision(builder.Configuration);

var app = builder.Build();

app.UseOtMzHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
// The web client at / (static files and the app's own paths), before authentication: it is public, and its
// requests spend no rate-limit tokens.
app.UseOtMzWebClient();
app.UseAuthentication();
app.UseAuthorization();
app.UseOtMzLimits();

app.MapOtMzOperations();
app.MapOpenApi();
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "OtMz v1");
    o.RoutePrefix = "docs";
});

app.MapAuthApi();
app.MapStylesApi();
app.MapLooksApi();
app.MapImagesApi();
app.MapUsersApi();
app.MapSignalsApi();
app.MapRecommendationsApi();
app.MapSimilarLooksApi();
app.MapClosetApi();
app.MapOutfitsApi();
app.MapCodibookApi();
app.MapRegionsApi();
app.MapExperimentsApi();
app.MapAdsApi();
app.MapCatalogIndexApi();
app.MapDashboardApi(app.Configuration);
app.MapHub<StyleHub>(StyleHub.Path, o => o.AllowStatefulReconnects = true);

app.LogWhereItListens();

// Refuses to start, with one log line and exit code 1, when a ValidateOnStart options class (Auth among them) is wrong.
return app.RunOrRefuse();

/// <summary>Visible to WebApplicationFactory in the Api tests.</summary>
public partial class Program;
