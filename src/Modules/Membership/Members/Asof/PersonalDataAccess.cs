using GraphQL.Resolvers;
using WorkersPower.Membership.Grants;

namespace WorkersPower.Membership.Members;

/// <summary>
/// Who could read a member's personal data on a day (the day in the organisation's time zone, from its first to its
/// last instant): the member's branches that day, the grants that reached them, and the reads that were recorded.
/// </summary>
public sealed record PersonalDataAccessView(Guid MemberId, DateOnly Day, DateTimeOffset From, DateTimeOffset Until, IReadOnlyList<Guid> Branches, IReadOnlyList<RoleGrant> Grants);

/// <summary>
/// Member.personalDataAccess(date): for admins and for the member themselves (their data-protection request). Null
/// for anyone else. An admin's read of it is recorded like any read of the member's personal data.
/// </summary>
internal sealed class PersonalDataAccessField : IObjectTypeExtension
{
    public string TypeName => MemberType.TypeName;

    public void Extend(IObjectGraphType type, Func<object, Guid> idOf) =>
        type.AddField(new FieldType
        {
            Name = "personalDataAccess",
            Description = "Who could read this member's personal data on the day `date` (in the organisation's time zone), and who did: the grants active " +
                "at some time that day that reached the member's branch of that day (ADMIN; ORGANISER organisation-wide or of that branch; TREASURER " +
                "organisation-wide or of that branch, for the contribution fields), and the reads recorded that day. The member themselves and admins; null for others.",
            Type = typeof(PersonalDataAccessType),
            Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<DateScalar>> { Name = "date", Description = "The day (not after today in the organisation's time zone)." }),
            Resolver = new FuncFieldResolver<object>(async ctx => await AccessAsync(ctx, (MemberProfile)ctx.Source!)),
        });

    private static async Task<object?> AccessAsync(IResolveFieldContext ctx, MemberProfile member)
    {
        if (Caller.From(ctx.User) is not { } caller) return null;
        var self = caller.MemberId == member.Id;
        if (!self && !caller.IsAdmin) return null;
        var (day, zone) = MemberAsOfExtension.ReadDate(ctx);
        var (from, until) = (zone.StartOf(day), zone.EndOf(day));
        await using var session = ctx.Session();
        var events = await session.Events.FetchStreamAsync(member.Id, token: ctx.CancellationToken);
        var branches = AsOfReads.BranchesDuring(StandingIntervals.Of(member.Id, events.Select(e => e.Data)), from, until);
        var grants = branches.Count == 0 ? [] : await AsOfReads.GrantsReachingAsync(session, branches, from, until, ctx.CancellationToken);
        if (!self) await MemberAsOfExtension.RecordReadAsync(ctx, caller, member.Id);
        return new PersonalDataAccessView(member.Id, day, from, until, branches, grants);
    }
}

public sealed class PersonalDataAccessType : ObjectGraphType<PersonalDataAccessView>
{
    public PersonalDataAccessType()
    {
        Name = "PersonalDataAccess";
        Description = "Who could read a member's personal data on one day, and whose reads were recorded (from the grants and the personal data read audit).";
        Field<NonNullGraphType<DateScalar>>("date").Description("The day asked about.").Resolve(ctx => ctx.Source.Day);
        Field<NonNullGraphType<DateTimeScalar>>("from").Description("The day's first instant in the organisation's time zone.").Resolve(ctx => ctx.Source.From);
        Field<NonNullGraphType<DateTimeScalar>>("until").Description("The day's last instant in the organisation's time zone.").Resolve(ctx => ctx.Source.Until);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BranchType>>>>("branches")
            .Description("The branches the member belonged to at some time that day (two after a transfer that day; none before joining).")
            .Resolve(ctx => ctx.Source.Branches.Select(b => ctx.LoadBranch(b)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GrantOnDateType>>>>("grants")
            .Description("The grants that reached the member's data at some time that day: ADMIN; ORGANISER and TREASURER (contribution fields only) organisation-wide or of one of those branches.")
            .Resolve(ctx => ctx.Source.Grants);
        Field<NonNullGraphType<ConnectionType<PersonalDataReadType>>>("reads")
            .Description("The reads of the member's personal data recorded that day, newest first.")
            .PageArguments()
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                var (member, from, until) = (ctx.Source.MemberId, ctx.Source.From, ctx.Source.Until);
                await using var session = ctx.Session();
                return await page.PageAsync<PersonalDataRead>(session,
                    q => q.Where(r => r.MemberId == member && r.ReadAt >= from && r.ReadAt <= until), r => r.Sequence, descending: true, ctx.CancellationToken);
            });
    }
}
