using GraphQL.Types;

namespace WorkersPower.Platform.GraphQL;

/// <summary>An amount in an ISO-4217 currency.</summary>
public sealed record Money(decimal Amount, string Currency)
{
    /// <summary>The currencies contributions are accepted in.</summary>
    public static readonly IReadOnlySet<string> KnownCurrencies =
        new HashSet<string>(StringComparer.Ordinal) { "GBP", "EUR", "USD", "AUD", "CAD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "ILS", "ZAR", "INR", "JPY", "BRL", "MXN", "TRY" };
}

public sealed class MoneyType : ObjectGraphType<Money>
{
    public MoneyType()
    {
        Name = "Money";
        Description = "An amount of money in an ISO-4217 currency.";
        Field(x => x.Amount, type: typeof(NonNullGraphType<DecimalScalar>)).Description("The amount, exact.");
        Field(x => x.Currency).Description("The ISO-4217 currency code, e.g. GBP.");
    }
}

public sealed class MoneyInputType : InputObjectGraphType<Money>
{
    public MoneyInputType()
    {
        Name = "MoneyInput";
        Description = "An amount of money in an ISO-4217 currency.";
        Field(x => x.Amount, type: typeof(NonNullGraphType<DecimalScalar>)).Description("The amount, exact.");
        Field(x => x.Currency).Description("The ISO-4217 currency code, e.g. GBP.");
    }
}
