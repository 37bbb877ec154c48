using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OtMz.Vision;

/// <summary>
/// Loads the models in the background as the host starts, so the first upload does not pay for opening the ONNX
/// Runtime sessions. A model file that does not fit its contract stops the
/// host: an operator's wrong path should fail the rollout, not every upload.
/// </summary>
internal sealed class VisionWarmup(IServiceProvider services, ILogger<VisionWarmup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var started = Stopwatch.GetTimestamp();
        var model = services.GetRequiredService<IStyleModel>();
        var remover = services.GetRequiredService<IBackgroundRemover>();
        logger.LogInformation("Style model {Name} ({Producer}, {Height}x{Width}) from {Path} and background remover {Remover} ready in {Elapsed} ms",
            model.Info.Name, model.Info.Producer, model.Info.InputHeight, model.Info.InputWidth, model.Info.Path, remover.Name,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }, stoppingToken);
}
