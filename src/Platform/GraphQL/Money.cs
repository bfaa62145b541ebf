namespace WorkersPower.Platform.GraphQL;

public sealed class MoneyType : ObjectType<Money>
{
    public MoneyType() : base("Money", "An amount of money in an ISO-4217 currency.")
    {
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
