using Microsoft.IdentityModel.JsonWebTokens;

namespace WorkersPower.Host.GraphQL.WebSocket;

/// <summary>
/// The caller of one socket and the checks on its token: checked as on HTTP at connection_init, again before every
/// operation (<see cref="HoldsAsync"/>) and every <see cref="GraphQLSettings.WebSocketRecheckInterval"/> (the account
/// still exists, holds the token's roles, its member is in good standing, and its current grants are read); the socket is closed with 4403 at the
/// token's expiry or on a refusal, which ends its subscriptions.
/// </summary>
internal sealed class SocketToken(GraphQLWebSocketEndpoint endpoint, Func<int, string, Task> closeAsync, CancellationToken closing)
{
    private DateTime? expires; // UTC; null for an anonymous socket

    public ClaimsPrincipal User { get; private set; } = new(new ClaimsIdentity());

    /// <summary>Takes the token of connection_init; false when the socket was closed because it does not hold.</summary>
    public async Task<bool> SignInAsync(string token)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, endpoint.Auth.ValidationParameters());
        if (!result.IsValid)
        {
            await closeAsync(4403, GraphQLWebSocketEndpoint.TokenRefused);
            return false;
        }
        User = new ClaimsPrincipal(result.ClaimsIdentity);
        // The socket lives no longer than its token (not even the validation's clock skew).
        expires = result.SecurityToken.ValidTo;
        if (!await HoldsAsync()) return false;
        Watch(expires.Value);
        return true;
    }

    /// <summary>
    /// Whether the socket's token still holds: not expired, and every <see cref="ITokenSubjectCheck"/> lets its
    /// subject act (answers cached a few seconds, as on HTTP). When it does not, the socket is closed (4403, or 1013
    /// when the database cannot answer), which ends its operations and subscriptions.
    /// </summary>
    public async Task<bool> HoldsAsync()
    {
        if (expires is not { } until) return true; // anonymous: nothing to check
        if (DateTime.UtcNow >= until)
        {
            await closeAsync(4403, GraphQLWebSocketEndpoint.TokenExpired);
            return false;
        }
        using var scope = endpoint.Scopes.CreateScope();
        TokenSubject subject;
        try
        {
            subject = await TokenSubject.CheckAllAsync(scope.ServiceProvider, User, closing);
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested) { return false; }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            // 1013 "Try Again Later": the token could not be checked, the client should reconnect.
            await closeAsync(1013, "Try again later");
            return false;
        }
        if (subject.Refusal is not null)
        {
            await closeAsync(4403, GraphQLWebSocketEndpoint.TokenRefused);
            return false;
        }
        // the operations that follow act with the grants held now (a revoked or ended one is gone within the check's cache time)
        User = GrantClaims.With(User, subject.Grants);
        return true;
    }

    /// <summary>Closes the socket at the token's expiry, and re-checks the token now and then even when no operation comes.</summary>
    private void Watch(DateTime until)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                // Task.Delay takes at most about 24 days at once
                for (var left = until - DateTime.UtcNow; left > TimeSpan.Zero; left = until - DateTime.UtcNow)
                    await Task.Delay(left < TimeSpan.FromDays(1) ? left : TimeSpan.FromDays(1), closing);
                await closeAsync(4403, GraphQLWebSocketEndpoint.TokenExpired);
            }
            catch (OperationCanceledException) { }
            catch (ObjectDisposedException) { }
        });
        var interval = endpoint.Settings.WebSocketRecheckInterval;
        if (interval <= TimeSpan.Zero) return;
        _ = Task.Run(async () =>
        {
            try
            {
                using var timer = new PeriodicTimer(interval);
                while (await timer.WaitForNextTickAsync(closing) && await HoldsAsync()) { }
            }
            catch (OperationCanceledException) { }
            catch (ObjectDisposedException) { }
            catch (Exception e)
            {
                // a check that fails unexpectedly must not leave the socket open unchecked
                GraphQLWebSocketEndpoint.LogRecheckFailed(endpoint.Logger, e);
                await closeAsync(1011, "Internal error");
            }
        });
    }

    /// <summary>The token in connection_init's payload: "authorization" (with or without "Bearer "), "token" or "accessToken".</summary>
    public static string? Of(JsonElement payload)
    {
        foreach (var property in payload.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String) continue;
            var value = property.Value.GetString()!;
            if (property.Name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
                return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : value.Trim();
            if (property.Name is "token" or "accessToken") return value.Trim();
        }
        return null;
    }
}
