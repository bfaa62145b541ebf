namespace WorkersPower.Membership.Members;

/// <summary>personalDataReads: who read whose personal data (admins), by reader, by member or application.</summary>
internal sealed class PersonalDataReadQueries : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<PersonalDataReadType>>>("personalDataReads")
            .Description("Who read whose personal data (members' and applicants'), newest first (admins).")
            .Argument<IdGraphType>("memberId", "Only reads of this member's data.")
            .Argument<IdGraphType>("applicationId", "Only reads of this (pending or rejected) application's data.")
            .Argument<IdGraphType>("readerId", "Only reads by this reader: their member's global id (as reader.id) or their account id (as readerAccountId).")
            .PageArguments()
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                // an unknown id lists nothing
                var memberId = ctx.GetArgument<string?>("memberId") is { } m ? GlobalId.TryDecode(m, MemberType.TypeName) ?? Guid.Empty : (Guid?)null;
                var applicationId = ctx.GetArgument<string?>("applicationId") is { } a ? GlobalId.TryDecode(a, MembershipApplicationType.TypeName) ?? Guid.Empty : (Guid?)null;
                var reader = Reader(ctx.GetArgument<string?>("readerId"));
                IBatchedQueryable<PersonalDataRead> Filtered(IBatchedQueryable<PersonalDataRead> q)
                {
                    if (reader is { Member: { } readerMember }) q = q.Where(r => r.ReaderMemberId == readerMember);
                    if (reader is { Account: { } readerAccount }) q = q.Where(r => r.ReaderAccountId == readerAccount);
                    if (memberId is { } member) q = q.Where(r => r.MemberId == member);
                    if (applicationId is { } application) q = q.Where(r => r.ApplicationId == application);
                    return q;
                }
                await using var session = ctx.Session();
                return await page.PageAsync<PersonalDataRead>(session, Filtered, r => r.Sequence, descending: true, ctx.CancellationToken);
            });

    /// <summary>The reader filter: a member's global id, else an account id (as readerAccountId shows it); anything else matches no one.</summary>
    internal static (Guid? Member, Guid? Account)? Reader(string? id)
    {
        if (id is null) return null;
        if (GlobalId.TryDecode(id, MemberType.TypeName) is { } member) return (member, null);
        return (null, Guid.TryParseExact(id, "N", out var account) ? account : Guid.Empty);
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
        Field<NonNullGraphType<EnumerationGraphType<PersonalDataSubject>>>("subject").Description("Whether a member's or an application's data was read.").Resolve(ctx => ctx.Source.Subject);
        Field<IdGraphType>("memberId").Description("Whose data was read (null when the subject is an application).")
            .Resolve(ctx => ctx.Source.Subject == PersonalDataSubject.Member ? GlobalId.Encode(MemberType.TypeName, ctx.Source.MemberId) : null);
        Field<MemberType>("member").Description("Whose data was read (null when the subject is an application).")
            .Resolve(ctx => ctx.Source.Subject == PersonalDataSubject.Member ? ctx.LoadMember(ctx.Source.MemberId) : null);
        Field<IdGraphType>("applicationId").Description("The application whose data was read, when the subject is an application.")
            .Resolve(ctx => ctx.Source.ApplicationId is { } id ? GlobalId.Encode(MembershipApplicationType.TypeName, id) : null);
        Field(x => x.ReadAt).Description("When.");
    }
}
