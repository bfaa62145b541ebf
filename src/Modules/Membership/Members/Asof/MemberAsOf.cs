using GraphQL.Resolvers;
using WorkersPower.Membership.Grants;

namespace WorkersPower.Membership.Members;

/// <summary>What a caller may read of a snapshot: all of it, or (treasurers) all but the events.</summary>
public sealed record MemberSnapshotView(MemberSnapshot Snapshot, bool WithEvents, string TimeZone);

/// <summary>
/// Member.asOf(date): the member as they were at the end of that day in the organisation's time zone. Readable by
/// the member, organisers (now) of the member's branch of that day or of today, admins; treasurers (of either
/// branch) get it without the events. Null for anyone else. A read by someone other than the member is recorded.
/// Member.personalDataAccess(date) is in <see cref="PersonalDataAccessField"/>.
/// </summary>
internal sealed class MemberAsOfExtension : IObjectTypeExtension
{
    public string TypeName => MemberType.TypeName;

    public void Extend(IObjectGraphType type, Func<object, Guid> idOf) =>
        type.AddField(new FieldType
        {
            Name = "asOf",
            Description = "The member as they were at the end of the day `date` in the organisation's time zone (Site:TimeZone): standing, branch, roles, " +
                "pledge and arrears (payments count by the day they were paid), with the events that made it. Before the member joined: a snapshot with " +
                "`joined: false` and a message. The member, organisers of the member's branch of that day or of today and admins; treasurers without the " +
                "events; null for others. Reads by others than the member are recorded.",
            Type = typeof(MemberSnapshotType),
            Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<DateScalar>> { Name = "date", Description = "The day (not after today in the organisation's time zone)." }),
            Resolver = new FuncFieldResolver<object>(async ctx => await SnapshotAsync(ctx, (MemberProfile)ctx.Source!)),
        });

    private static async Task<object?> SnapshotAsync(IResolveFieldContext ctx, MemberProfile member)
    {
        if (Caller.From(ctx.User) is not { } caller) return null;
        var self = caller.MemberId == member.Id;
        // nobody else without one of these roles can be let in below: answer without reading the history
        if (!self && !caller.IsAdmin && !caller.Has(Roles.Organiser) && !caller.Has(Roles.Treasurer)) return null;
        var (day, zone) = ReadDate(ctx);
        await using var session = ctx.Session();
        var (events, grants) = await AsOfReads.HistoryAsync(session, member.Id, ctx.CancellationToken);
        var snapshot = MemberSnapshotFold.At(member.Id, events, grants, day, zone.EndOf(day));
        bool Organises(Guid? branch) => branch is { } b && caller.OrganisesBranch(b);
        bool Treasures(Guid? branch) => branch is { } b && caller.TreasuresBranch(b);
        var full = self || caller.IsAdmin || Organises(member.BranchId) || Organises(snapshot.BranchId);
        if (!full && !Treasures(member.BranchId) && !Treasures(snapshot.BranchId)) return null;
        if (!self) await RecordReadAsync(ctx, caller, member.Id);
        return new MemberSnapshotView(snapshot, full, zone.Zone.Id);
    }

    /// <summary>The <c>date</c> argument of the as-of fields, checked (not after today), with the organisation's time zone.</summary>
    internal static (DateOnly Day, SiteTimeZone Zone) ReadDate(IResolveFieldContext ctx)
    {
        var zone = ctx.RequestServices!.GetRequiredService<SiteTimeZone>();
        var day = ctx.GetArgument<DateOnly>("date");
        var today = zone.DayOf(ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow());
        if (day > today)
            throw new ExecutionError($"'date' is after today ({today:yyyy-MM-dd} in {zone.Zone.Id}): ask about a day that has begun.") { Code = ErrorCodes.BadUserInput };
        return (day, zone);
    }

    /// <summary>Records that the caller read the member's personal data (the audit keeps one record per member per request).</summary>
    internal static Task RecordReadAsync(IResolveFieldContext ctx, Caller caller, Guid memberId) =>
        ctx.RequestServices!.GetRequiredService<IPersonalDataAudit>()
            .RecordReadsAsync(new PersonalDataReader(caller.AccountId, caller.MemberId, caller.Roles), [memberId], ctx.CancellationToken);
}

public sealed class MemberSnapshotType : ObjectGraphType<MemberSnapshotView>
{
    public MemberSnapshotType()
    {
        Name = "MemberSnapshot";
        Description = "A member as they were at the end of one day in the organisation's time zone, computed from their events.";
        Field<NonNullGraphType<DateScalar>>("date").Description("The day asked about.").Resolve(ctx => ctx.Source.Snapshot.Day);
        Field("at", x => x.Snapshot.At).Description("The instant the snapshot describes: the last moment of that day in the organisation's time zone.");
        Field<NonNullGraphType<StringGraphType>>("timeZone").Description("The organisation's time zone (Site:TimeZone), e.g. Europe/London.").Resolve(ctx => ctx.Source.TimeZone);
        Field<NonNullGraphType<BooleanGraphType>>("joined").Description("Whether the member had joined by then; false: every other field is empty.").Resolve(ctx => ctx.Source.Snapshot.Joined);
        Field<StringGraphType>("message").Description("Why the snapshot is empty, when it is (\"Not a member yet …\"); null otherwise.")
            .Resolve(ctx => ctx.Source.Snapshot.Joined ? null
                : $"Not a member yet at the end of {ctx.Source.Snapshot.Day:yyyy-MM-dd} ({ctx.Source.TimeZone}): the member joined later.");
        Field<MembershipStatusEnum>("standing").Description("The standing then (null before joining).").Resolve(ctx => ctx.Source.Snapshot.Standing);
        Field("inGoodStanding", x => x.Snapshot.InGoodStanding).Description("Whether the member was ACTIVE then (not suspended, lapsed or resigned).");
        Field<BranchType>("branch").Description("The branch the member belonged to then.")
            .Resolve(ctx => ctx.Source.Snapshot.BranchId is { } b ? ctx.LoadBranch(b) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleEnum>>>>("roles")
            .Description("The roles held then: MEMBER while in good standing, and the role of every grant active then.")
            .Resolve(ctx => ctx.Source.Snapshot.Roles.Select(Enum.Parse<Role>).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GrantOnDateType>>>>("grants").Description("The grants active then, with their scope.")
            .Resolve(ctx => ctx.Source.Snapshot.Grants);
        Field<MoneyType>("contribution").Description("The pledged contribution then.").Resolve(ctx => ctx.Source.Snapshot.Contribution);
        Field<ContributionFrequencyEnum>("contributionFrequency").Description("How often it was paid.").Resolve(ctx => ctx.Source.Snapshot.ContributionFrequency);
        Field("monthsInArrears", x => x.Snapshot.MonthsInArrears, nullable: true)
            .Description("Whole months of pledged contributions unpaid at the end of that day, counting every payment paid on or before it, even one recorded later.");
        Field<MoneyType>("arrears").Description("The amount owed then, counted the same way.").Resolve(ctx => ctx.Source.Snapshot.Arrears);
        Field<ListGraphType<NonNullGraphType<MemberEventType>>>("events")
            .Description("The events that made the snapshot, oldest first: those that happened by then, and payments paid by then whenever recorded (null for treasurers).")
            .Resolve(ctx => ctx.Source.WithEvents ? ctx.Source.Snapshot.Events.Select(MemberHistory.Describe).ToList() : null);
    }
}

/// <summary>A role grant as it stood on a day: whose, which role, where, from when until when.</summary>
public sealed class GrantOnDateType : ObjectGraphType<RoleGrant>
{
    public GrantOnDateType()
    {
        Name = "GrantOnDate";
        Description = "A role grant active on the day asked about.";
        Field<NonNullGraphType<IdGraphType>>("grantId").Description("The grant's id.").Resolve(ctx => ctx.Source.Id.ToString("N"));
        Field<MemberType>("holder").Description("Who holds it.").Resolve(ctx => ctx.LoadMember(ctx.Source.MemberId));
        Field<NonNullGraphType<RoleEnum>>("role").Description("The role granted.").Resolve(ctx => Enum.Parse<Role>(ctx.Source.Role));
        Field<NonNullGraphType<StringGraphType>>("scopeKind").Description("ORGANISATION, BRANCH or CAMPAIGN.")
            .Resolve(ctx => ctx.Source.Scope.Kind.ToString().ToUpperInvariant());
        Field<BranchType>("branch").Description("The branch, when the scope is a branch.")
            .Resolve(ctx => ctx.Source.Scope.BranchId is { } b ? ctx.LoadBranch(b) : null);
        Field<IdGraphType>("campaignId").Description("The campaign's global id, when the scope is a campaign.")
            .Resolve(ctx => ctx.Source.Scope.CampaignId is { } c ? GlobalId.Encode("Campaign", c) : null);
        Field<NonNullGraphType<DateTimeScalar>>("from").Description("When it began.").Resolve(ctx => ctx.Source.From);
        Field("until", x => x.EndsAt, nullable: true).Description("When it ended or ends: its end date, expiry or revocation, whichever came first (null: no end).");
    }
}
