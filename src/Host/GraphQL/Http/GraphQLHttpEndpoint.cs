using System.Buffers;
using Microsoft.AspNetCore.Authentication;

namespace WorkersPower.Host.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL Foundation's specification): POST with application/json bodies,
/// GET for queries only, responses in application/graphql-response+json or application/json as the
/// Accept header asks.
/// </summary>
internal sealed class GraphQLHttpEndpoint(
    GraphQLRunner runner, IGraphQLSerializer serializer, IOptions<GraphQLSettings> settings, GraphQLWebSocketEndpoint webSockets,
    GraphQLRequestPreparation preparation)
{
    public async Task HandleAsync(HttpContext http)
    {
        if (http.WebSockets.IsWebSocketRequest)
        {
            await webSockets.HandleAsync(http);
            return;
        }
        if (Explorer.Wanted(http.Request))
        {
            await Explorer.WriteAsync(http);
            return;
        }
        var method = http.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsPost(method))
        {
            http.Response.Headers.Allow = "GET, POST";
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var mediaType = MediaTypes.Negotiate(http.Request.Headers.Accept);
        if (mediaType is null)
        {
            http.Response.StatusCode = StatusCodes.Status406NotAcceptable;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync($"Accept {MediaTypes.GraphQLResponse} or {MediaTypes.Json}.", http.RequestAborted);
            return;
        }

        if (HttpMethods.IsPost(method) && !MediaTypes.IsJsonRequest(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            http.Response.Headers["Accept-Post"] = "application/json";
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("Send the GraphQL request as application/json (UTF-8).", http.RequestAborted);
            return;
        }

        // A token that was sent but does not hold is refused outright, rather than served as anonymous.
        if (http.Request.Headers.Authorization.Count > 0)
        {
            var auth = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            if (auth.Failure is { } failure && DatabaseErrors.IsUnavailable(failure))
            {
                // The token could not be checked against the account: not the client's fault, and not a reason to drop the token.
                http.Response.Headers.RetryAfter = "5";
                await WriteErrorAsync(http, mediaType, StatusCodes.Status503ServiceUnavailable,
                    new ExecutionError(GraphQLRunner.UnavailableMessage) { Code = ErrorCodes.Unavailable });
                return;
            }
            if (auth.Failure is not null || !auth.Succeeded)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await WriteErrorAsync(http, mediaType, StatusCodes.Status401Unauthorized,
                    new ExecutionError("The access token is invalid or has expired: sign in again.") { Code = ErrorCodes.Unauthenticated });
                return;
            }
            http.User = auth.Principal!;
        }

        PreparedRequest prepared;
        try
        {
            prepared = preparation.Prepare(HttpMethods.IsPost(method)
                ? await ReadBodyAsync(http)
                : GraphQLRequestReader.FromQueryString(http.Request.Query));
        }
        catch (RequestTooLarge)
        {
            await WriteErrorAsync(http, mediaType, StatusCodes.Status413PayloadTooLarge,
                new ExecutionError($"The request body is larger than {settings.Value.MaxRequestBytes} bytes.") { Code = ErrorCodes.BadRequest });
            return;
        }
        catch (BadGraphQLRequest bad)
        {
            var error = new ExecutionError(bad.Message) { Code = bad.Code };
            foreach (var location in bad.Locations ?? []) error.AddLocation(location);
            var status = mediaType == MediaTypes.Json && !bad.Malformed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
            await WriteErrorAsync(http, mediaType, status, error);
            return;
        }

        if (HttpMethods.IsGet(method) && prepared.Operation is { Operation: not OperationType.Query })
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, mediaType, StatusCodes.Status405MethodNotAllowed,
                new ExecutionError("Only queries may be sent with GET: send mutations and subscriptions with POST.") { Code = ErrorCodes.BadRequest });
            return;
        }

        var result = await runner.RunAsync(prepared, http.User, http.RequestServices, http.RequestAborted);
        await WriteResultAsync(http, mediaType, StatusFor(result, mediaType), result);
    }

    /// <summary>
    /// 200 whenever execution started. When it did not (the document failed validation), 200 for
    /// application/json and 4xx for application/graphql-response+json: 401 or 403 when every error is
    /// an authentication or authorization refusal, 400 otherwise.
    /// </summary>
    internal static int StatusFor(ExecutionResult result, string mediaType)
    {
        if (result.Executed || mediaType == MediaTypes.Json) return StatusCodes.Status200OK;
        var codes = result.Errors?.Select(e => e.Code).ToList() ?? [];
        if (codes.Count > 0 && codes.All(c => c == ErrorCodes.Unauthenticated)) return StatusCodes.Status401Unauthorized;
        if (codes.Count > 0 && codes.All(c => c is ErrorCodes.Unauthenticated or ErrorCodes.Forbidden)) return StatusCodes.Status403Forbidden;
        return StatusCodes.Status400BadRequest;
    }

    private async Task<GraphQLHttpRequest> ReadBodyAsync(HttpContext http)
    {
        var limit = settings.Value.MaxRequestBytes;
        if (http.Request.ContentLength > limit) throw new RequestTooLarge();
        var buffer = new ArrayBufferWriter<byte>();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.WrittenCount + read > limit) throw new RequestTooLarge();
                buffer.Write(chunk.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return GraphQLRequestReader.FromJsonBody(buffer.WrittenSpan);
    }

    private Task WriteErrorAsync(HttpContext http, string mediaType, int status, ExecutionError error) =>
        WriteResultAsync(http, mediaType, status, new ExecutionResult { Errors = [error], Executed = false });

    private async Task WriteResultAsync(HttpContext http, string mediaType, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    private sealed class RequestTooLarge : Exception;
}
