using Microsoft.AspNetCore.SignalR;

namespace OtMz.Api.Realtime;

/// <summary>
/// The one place a failed hub method is logged. A <see cref="HubException"/> is the hub refusing a client's input
/// (a bad signal, too many signals): one Information line, no stack trace, so a client that keeps sending bad input
/// cannot flood the log with errors. Anything else is a fault of ours: Error, with the exception. SignalR's
/// dispatcher would log both at Error with the stack trace; <see cref="Infrastructure.LimitsExtensions"/> silences its category
/// (it logs nothing else above Debug), and the client still gets the same error message.
/// </summary>
internal sealed class HubRefusalLog(ILogger<HubRefusalLog> logger) : IHubFilter
{
    /// <summary>The category of SignalR's own "Failed to invoke hub method" line.</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    private const int MaxReasonLength = 500;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException refused)
        {
            // The reason echoes the client's input; a bounded piece of it is enough to tell what was refused.
            var reason = refused.Message.Length > MaxReasonLength ? refused.Message[..MaxReasonLength] + "…" : refused.Message;
            logger.LogInformation("Hub {Method} from user {User} refused: {Reason}", invocationContext.HubMethodName, UserOf(invocationContext), reason);
            throw;
        }
        catch (Exception error)
        {
            logger.LogError(error, "Hub {Method} from user {User} failed", invocationContext.HubMethodName, UserOf(invocationContext));
            throw;
        }
    }

    private static string? UserOf(HubInvocationContext invocation) => invocation.Context.User?.Identity?.Name;
}
