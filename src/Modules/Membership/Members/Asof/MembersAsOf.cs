namespace WorkersPower.Membership.Members;

/// <summary>
/// membersAsOf(date, branchId): who was a member in good standing (ACTIVE) of a branch at the end of a day in the
/// organisation's time zone, with how many (the basis of delegate entitlements and electorates). For the branch's
/// organisers and admins. Read from the standing intervals (<see cref="StandingIntervalProjection"/>) in one statement.
/// </summary>
internal sealed class MembersAsOfQuery : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<MemberType>>>("membersAsOf")
            .Description("Who was a member in good standing (ACTIVE: not suspended, lapsed or resigned) of the branch at the end of the day `date` in the organisation's " +
                "time zone (Site:TimeZone), with totalCount, by member id (about the order they joined the platform). Organisers of the branch and admins. The members are shown as they are " +
                "now (a member who moved since is listed; their personal fields follow today's rules; an erased member shows as erased).")
            .Argument<NonNullGraphType<DateScalar>>("date", "The day (not after today in the organisation's time zone).")
            .Argument<NonNullGraphType<IdGraphType>>("branchId", "The branch's global id.")
            .PageArguments()
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var caller = Caller.From(ctx.User) ?? throw new ExecutionError("Sign in first.") { Code = ErrorCodes.Unauthenticated };
                var branchId = GlobalId.TryDecode(ctx.GetArgument<string>("branchId"), BranchType.TypeName);
                // an unknown id is refused like a branch the caller does not organise: nothing tells which ids exist
                if (branchId is not { } branch || !caller.OrganisesBranch(branch))
                    throw new ExecutionError("Only the branch's organisers and admins may list who was a member of it on a date.") { Code = ErrorCodes.Forbidden };
                var (day, zone) = MemberAsOfExtension.ReadDate(ctx);
                var page = PageRequest.From(ctx);
                await using var session = ctx.Session();
                Guid? after = page.AfterKey is null ? null
                    : Guid.TryParseExact(page.AfterKey, "N", out var key) ? key
                    : throw new ExecutionError("The cursor is not one of this list.") { Code = ErrorCodes.BadUserInput };
                var found = await AsOfReads.MembersAsync(session, branch, zone.EndOf(day), after, page.Backward, page.First, ctx.CancellationToken);
                return page.ToConnection(found.Members, m => m.Id.ToString("N"), found.Total);
            });
}
