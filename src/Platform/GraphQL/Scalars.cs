namespace WorkersPower.Platform.GraphQL;

/// <summary>ISO-8601 date and time with offset, e.g. "2026-11-24T18:30:00+00:00".</summary>
public sealed class DateTimeScalar : DateTimeOffsetGraphType
{
    public DateTimeScalar()
    {
        Name = "DateTime";
        Description = "An ISO-8601 date and time with offset, e.g. \"2026-11-24T18:30:00+00:00\".";
    }
}

/// <summary>ISO-8601 calendar date, e.g. "2026-11-24".</summary>
public sealed class DateScalar : DateOnlyGraphType
{
    public DateScalar()
    {
        Name = "Date";
        Description = "An ISO-8601 calendar date, e.g. \"2026-11-24\".";
    }
}

/// <summary>
/// A decimal number that survives JSON without floating-point loss: written as a string ("12.50"),
/// read from a string or a number.
/// </summary>
public sealed class DecimalScalar : ScalarGraphType
{
    public DecimalScalar()
    {
        Name = "Decimal";
        Description = "A decimal number, serialized as a string to keep its exact value (e.g. \"12.50\"); accepts a string or a number.";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        int or long or double or float => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        decimal d => d,
        string s => ParseText(s),
        int or long or double or float => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        System.Numerics.BigInteger b => (decimal)b,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => ParseText((string)s.Value),
        GraphQLIntValue i => decimal.Parse(i.Value.Span, NumberStyles.Integer, CultureInfo.InvariantCulture),
        GraphQLFloatValue f => decimal.Parse(f.Value.Span, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => ThrowLiteralConversionError(value),
    };

    private static decimal ParseText(string s) =>
        decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new FormatException($"'{(s.Length > 40 ? s[..40] + "…" : s)}' is not a decimal number.");
}
