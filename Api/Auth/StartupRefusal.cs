using System.Reflection;
using Microsoft.Extensions.Options;

namespace OtMz.Api.Auth;

/// <summary>
/// Program.cs's last step. Runs the checks that every ValidateOnStart options class registered (the "Auth" section's
/// <see cref="AuthOptionsValidator"/> among them) before the host starts anything, so that a wrong configuration
/// ends the process with one log line that says why and exit code 1, not a stack trace or a host that answers 500.
/// Inside a test host the failure is thrown instead, as the host's own start would.
/// </summary>
public static class StartupRefusal
{
    public const int ExitCode = 1;

    public static int RunOrRefuse(this WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception e) when (Failures(e) is { Count: > 0 } failures)
        {
            if (Assembly.GetEntryAssembly() != typeof(StartupRefusal).Assembly)
            {
                // Hosted inside another program (WebApplicationFactory runs Program on its own thread): the exception
                // is how that program learns the host did not start.
                throw;
            }

            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OtMz.Api.Startup")
                .LogCritical("Refusing to start: {Reasons}", string.Join(" ", failures));
            // Disposing flushes the console logger's queue before the process ends.
            ((IDisposable)app).Dispose();
            return ExitCode;
        }

        app.Run();
        return 0;
    }

    private static List<string> Failures(Exception e) => e switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException many when many.InnerExceptions.All(i => i is OptionsValidationException) =>
            [.. many.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures)],
        _ => [],
    };
}
