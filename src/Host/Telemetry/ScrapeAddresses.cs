using System.Net;

namespace WorkersPower.Host.Telemetry;

/// <summary>
/// Who may scrape <c>/metrics</c> (<see cref="MetricsSettings.AllowedAddresses"/>): IP addresses and CIDR ranges,
/// comma-separated. The address checked is the connection's as ASP.NET Core gives it: behind a reverse proxy, the
/// forwarded client address only when <c>Proxy:KnownProxies</c> names the proxy (UseForwardedHeaders runs first).
/// An IPv4 address arriving as IPv6 (::ffff:a.b.c.d) is checked as IPv4.
/// </summary>
public sealed class ScrapeAddresses
{
    private readonly IPNetwork[] networks;

    private ScrapeAddresses(IPNetwork[] networks) => this.networks = networks;

    /// <summary>The rule; throws <see cref="InvalidOperationException"/> naming the entry that is neither an address nor a range.</summary>
    public static ScrapeAddresses Parse(string? allowed) =>
        new((allowed ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Network).ToArray());

    private static IPNetwork Network(string entry)
    {
        if (entry.Contains('/'))
            return IPNetwork.TryParse(entry, out var network) ? network : throw new InvalidOperationException(
                $"Metrics:AllowedAddresses holds '{entry}', which is not a CIDR range (e.g. 10.0.0.0/8, with no bits set after the prefix).");
        if (!IPAddress.TryParse(entry, out var address))
            throw new InvalidOperationException($"Metrics:AllowedAddresses holds '{entry}', which is not an IP address or a CIDR range.");
        address = Normal(address);
        return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }

    /// <summary>Whether the address may scrape; an unknown address (null) may not.</summary>
    public bool Allows(IPAddress? address) => address is not null && networks.Any(network => network.Contains(Normal(address)));

    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
