namespace WorkersPower.Membership.Members;

[Description("MATCHED (to be recorded), SKIPPED (recorded already), REFUSED (cannot be recorded).")]
public enum ImportRowStatus
{
    Matched,
    Skipped,
    Refused,
}

public sealed record ImportRow(int Line, ImportRowStatus Status, string Message, Guid? MemberId, decimal? Amount, string? Currency, DateOnly? PaidOn, string? Reference)
{
    /// <summary>The payment's <see cref="ContributionPayment.DuplicateKey"/> (rows matched to a member only).</summary>
    public string Key => ContributionPayment.KeyOf(MemberId!.Value, PaidOn!.Value, Amount!.Value, Reference);
}

/// <summary>The per-row report; <see cref="Applied"/> says whether the matched rows were recorded (all of them, or none).</summary>
public sealed record ImportReport(bool Applied, IReadOnlyList<ImportRow> Rows, IReadOnlyList<UserError> Errors, bool Forbidden = false)
{
    public int Matched => Rows.Count(r => r.Status == ImportRowStatus.Matched);
    public int Skipped => Rows.Count(r => r.Status == ImportRowStatus.Skipped);
    public int Refused => Rows.Count(r => r.Status == ImportRowStatus.Refused);
}

public sealed record ImportContributionPaymentsPayload(ImportReport? Report) : Payload;

public sealed class ImportContributionPaymentsPayloadType : PayloadType<ImportContributionPaymentsPayload>
{
    public ImportContributionPaymentsPayloadType() : base("ImportContributionPaymentsPayload",
        "A report row by row. Applied is true when every matched row was recorded; when any row is refused nothing is recorded.")
    {
        Field<NonNullGraphType<BooleanGraphType>>("applied").Description("Whether the matched rows were recorded (all in one transaction).").Resolve(ctx => ctx.Source.Report?.Applied ?? false);
        Field<NonNullGraphType<IntGraphType>>("matched").Description("Rows matched to a member and valid.").Resolve(ctx => ctx.Source.Report?.Matched ?? 0);
        Field<NonNullGraphType<IntGraphType>>("skipped").Description("Rows recorded before, or repeated in the file.").Resolve(ctx => ctx.Source.Report?.Skipped ?? 0);
        Field<NonNullGraphType<IntGraphType>>("refused").Description("Rows that cannot be recorded.").Resolve(ctx => ctx.Source.Report?.Refused ?? 0);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImportRowType>>>>("rows").Description("What happened to each row.").Resolve(ctx => ctx.Source.Report?.Rows ?? []);
    }
}

public sealed class ImportRowType : ObjectGraphType<ImportRow>
{
    public ImportRowType()
    {
        Name = "ImportRow";
        Description = "One row of an imported payments file.";
        Field(x => x.Line).Description("The line number in the file (the header is line 1).");
        Field<NonNullGraphType<EnumerationGraphType<ImportRowStatus>>>("status").Description("What happened to it.").Resolve(ctx => ctx.Source.Status);
        Field(x => x.Message).Description("Why, for people.");
        Field<IdGraphType>("memberId").Description("The member it matched.").Resolve(ctx => ctx.Source.MemberId is { } id ? GlobalId.Encode(MemberType.TypeName, id) : null);
        Field<MoneyType>("amount").Description("The amount read.").Resolve(ctx => ctx.Source.Amount is { } a && ctx.Source.Currency is { } c ? new Money(a, c) : null);
        Field<DateScalar>("paidOn").Description("The date read.").Resolve(ctx => ctx.Source.PaidOn);
        Field(x => x.Reference, nullable: true).Description("The reference read.");
    }
}
