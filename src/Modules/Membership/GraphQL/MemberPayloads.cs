using GraphQL.Types;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;

namespace WorkersPower.Membership.GraphQL;

public sealed record MemberPayload(MemberProfile? Member, string? Message = null) : Payload;

public sealed class MemberPayloadType : PayloadType<MemberPayload>
{
    public MemberPayloadType() : base("MemberPayload", "The member as the change left them, or why nothing changed.")
    {
        Field<MemberType>("member").Description("The member.").Resolve(ctx => ctx.Source.Member);
        Field<StringGraphType>("message").Description("Something to tell the caller about a change that succeeded, e.g. that a new email address waits for confirmation.")
            .Resolve(ctx => ctx.Source.Message);
    }
}

public sealed record EraseMemberPayload(Guid? ErasedMemberId) : Payload;

public sealed class EraseMemberPayloadType : PayloadType<EraseMemberPayload>
{
    public EraseMemberPayloadType() : base("EraseMemberPayload", "Which member's personal data was erased, or why not.") =>
        Field<IdGraphType>("erasedMemberId").Description("The erased member's global id.")
            .Resolve(ctx => ctx.Source.ErasedMemberId is { } id ? GlobalId.Encode(MemberType.TypeName, id) : null);
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

public sealed class ImportRowStatusEnum : EnumerationGraphType<ImportRowStatus>
{
    public ImportRowStatusEnum()
    {
        Name = "ImportRowStatus";
        Description = "MATCHED (to be recorded), SKIPPED (recorded already), REFUSED (cannot be recorded).";
    }
}

public sealed class ImportRowType : ObjectGraphType<ImportRow>
{
    public ImportRowType()
    {
        Name = "ImportRow";
        Description = "One row of an imported payments file.";
        Field(x => x.Line).Description("The line number in the file (the header is line 1).");
        Field<NonNullGraphType<ImportRowStatusEnum>>("status").Description("What happened to it.").Resolve(ctx => ctx.Source.Status);
        Field(x => x.Message).Description("Why, for people.");
        Field<IdGraphType>("memberId").Description("The member it matched.").Resolve(ctx => ctx.Source.MemberId is { } id ? GlobalId.Encode(MemberType.TypeName, id) : null);
        Field<MoneyType>("amount").Description("The amount read.").Resolve(ctx => ctx.Source.Amount is { } a && ctx.Source.Currency is { } c ? new Money(a, c) : null);
        Field<DateScalar>("paidOn").Description("The date read.").Resolve(ctx => ctx.Source.PaidOn);
        Field(x => x.Reference, nullable: true).Description("The reference read.");
    }
}
