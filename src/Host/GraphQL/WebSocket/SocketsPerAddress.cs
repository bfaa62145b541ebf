using System.Net;

namespace WorkersPower.Host.GraphQL.WebSocket;

/// <summary>
/// Counts the open WebSockets of each client address on this node (<c>GraphQL:MaxSocketsPerAddress</c>). The
/// address is the one ASP.NET Core gives, after <c>Proxy:KnownProxies</c> has put the client's from
/// X-Forwarded-For in place of the proxy's. Addresses are kept only while a socket from them is open, and only
/// as a keyed hash (a random key per process), so the counts hold no address.
/// </summary>
internal sealed class SocketsPerAddress
{
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, int> open = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>The key under which <paramref name="address"/>'s sockets are counted.</summary>
    public string KeyOf(IPAddress? address)
    {
        var text = address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        return Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Counts one more socket for the key; false (and nothing counted) when it has <paramref name="max"/> already.</summary>
    public bool TryEnter(string addressKey, int max)
    {
        lock (gate)
        {
            open.TryGetValue(addressKey, out var count);
            if (count >= max) return false;
            open[addressKey] = count + 1;
            return true;
        }
    }

    /// <summary>One socket of the key closed.</summary>
    public void Leave(string addressKey)
    {
        lock (gate)
        {
            if (!open.TryGetValue(addressKey, out var count)) return;
            if (count <= 1) open.Remove(addressKey);
            else open[addressKey] = count - 1;
        }
    }

    /// <summary>How many addresses have an open socket (for tests).</summary>
    internal int Addresses
    {
        get { lock (gate) return open.Count; }
    }
}
