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

public sealed class PersonalDataSubjectEnum : EnumerationGraphType<PersonalDataSubject>
{
    public PersonalDataSubjectEnum()
    {
        Name = "PersonalDataSubject";
        Description = "Whose personal data was read: MEMBER (a member's record, or their application once approved) or APPLICATION (a pending or rejected application).";
    }
}

public sealed class PersonalDataReadType : ObjectGraphType<PersonalDataRead>
{
    public PersonalDataReadType()
    {
        Name = "PersonalDataRead";
        Description = "Someone other than the person read a member's or an applicant's personal data.";
        Field<NonNullGraphType<IdGraphType>>("readerAccountId").Description("The reader's account id.").Resolve(ctx => ctx.Source.ReaderAccountId.ToString("N"));
        Field<MemberType>("reader").Description("The reader's member record, when they have one.")
            .Resolve(ctx => ctx.Source.ReaderMemberId is { } id ? ctx.LoadMember(id) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("readerRoles").Description("The reader's roles at the time.").Resolve(ctx => ctx.Source.ReaderRoles);
        Field<NonNullGraphType<PersonalDataSubjectEnum>>("subject").Description("Whether a member's or an application's data was read.").Resolve(ctx => ctx.Source.Subject);
        Field<IdGraphType>("memberId").Description("Whose data was read (null when the subject is an application).")
            .Resolve(ctx => ctx.Source.Subject == PersonalDataSubject.Member ? GlobalId.Encode(MemberType.TypeName, ctx.Source.MemberId) : null);
        Field<MemberType>("member").Description("Whose data was read (null when the subject is an application).")
            .Resolve(ctx => ctx.Source.Subject == PersonalDataSubject.Member ? ctx.LoadMember(ctx.Source.MemberId) : null);
        Field<IdGraphType>("applicationId").Description("The application whose data was read, when the subject is an application.")
            .Resolve(ctx => ctx.Source.ApplicationId is { } id ? GlobalId.Encode(MembershipApplicationType.TypeName, id) : null);
        Field(x => x.ReadAt).Description("When.");
    }
}
