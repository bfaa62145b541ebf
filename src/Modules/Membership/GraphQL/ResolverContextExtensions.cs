using Microsoft.AspNetCore.Http;

namespace WorkersPower.Membership.GraphQL;

/// <summary>What Membership's resolvers take from the request: the message bus and the client's address.</summary>
internal static class ResolverContextExtensions
{
    public static IMessageBus Bus(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<IMessageBus>();

    /// <summary>The caller's network address, for per-client limits.</summary>
    public static string ClientAddress(this IResolveFieldContext context) =>
        context.RequestServices!.GetService<IHttpContextAccessor>()?.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
