namespace WorkersPower.Platform.GraphQL;

/// <summary>
/// A mutation field whose operations leave no trace span (a vote: nothing may tie a voter to the moment of voting). The
/// host's telemetry reads the mark (<c>UntracedOperations</c>): the request's span is dropped and nothing under it is
/// recorded; the operation is still counted and timed.
/// </summary>
public static class Untraced
{
    /// <summary>The field metadata key of the mark.</summary>
    public const string MetadataKey = "workerspower:untraced";

    public static FieldBuilder<TSource, TReturn> LeavesNoTrace<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.WithMetadata(MetadataKey, true);
}
