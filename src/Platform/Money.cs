namespace WorkersPower.Platform;

/// <summary>An amount in an ISO-4217 currency.</summary>
public sealed record Money(decimal Amount, string Currency)
{
    /// <summary>The currencies contributions are accepted in.</summary>
    public static readonly IReadOnlySet<string> KnownCurrencies =
        new HashSet<string>(StringComparer.Ordinal) { "GBP", "EUR", "USD", "AUD", "CAD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "ILS", "ZAR", "INR", "JPY", "BRL", "MXN", "TRY" };
}
