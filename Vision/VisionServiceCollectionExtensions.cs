using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OtMz.Vision.Model;

namespace OtMz.Vision;

public static class VisionServiceCollectionExtensions
{
    /// <summary>
    /// The vision pipeline for upload routes, configured from section "Vision": the style model at
    /// <see cref="VisionOptions.StyleModelPath"/> (or the project's default model, which ships in the build output), the
    /// segmentation model at <see cref="VisionOptions.SegmentationModelPath"/> (or the plain-background algorithm).
    /// </summary>
    public static IServiceCollection AddOtMzVision(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<VisionOptions>(configuration.GetSection(VisionOptions.Section));
        services.AddSingleton(sp => new ImageIntake(Options(sp)));
        services.AddSingleton<IBackgroundRemover>(sp => Options(sp).SegmentationModelPath is { Length: > 0 } path
            ? new OnnxBackgroundRemover(path)
            : new PlainBackgroundRemover());
        services.AddSingleton<IStyleModel>(sp => OnnxStyleModel.Open(Options(sp)));
        services.AddSingleton<IImageAnalyser, ImageAnalyser>();
        services.AddHostedService<VisionWarmup>();
        return services;
    }

    private static VisionOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<VisionOptions>>().Value;
}
