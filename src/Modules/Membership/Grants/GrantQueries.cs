namespace WorkersPower.Membership.Grants;

/// <summary>roleGrants and grantsOn: who holds (or held) which role on which scope; admins see everyone's, a member their own.</summary>
internal sealed class GrantQueries : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<RoleGrantType>>>("roleGrants")
            .Description("Role grants in the order they started, ended ones included unless activeOn is given. Admins: any member's, or everyone's " +
                "without memberId; anyone else: only their own (FORBIDDEN for another member's).")
            .Argument<IdGraphType>("memberId", "Only this member's grants (without it: admins everyone's, others their own).")
            .Argument<DateScalar>("activeOn", "Only grants that held at some moment of this day (the organisation's time zone).")
            .PageArguments()
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var actor = await ctx.RequireActorAsync();
                Guid? memberId = ctx.GetArgument<string?>("memberId") is { } id ? GlobalId.TryDecode(id, MemberType.TypeName) ?? Guid.Empty : null;
                return await GrantReads.PageAsync(ctx, Whose(actor, memberId), ctx.GetArgument<DateOnly?>("activeOn"));
            });

        query.Field<NonNullGraphType<ConnectionType<RoleGrantType>>>("grantsOn")
            .Description("The grants that held at some moment of a day (the organisation's time zone), in the order they started: every member's for admins, " +
                "one's own for anyone else.")
            .Argument<NonNullGraphType<DateScalar>>("date", "The day.")
            .PageArguments()
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var actor = await ctx.RequireActorAsync();
                return await GrantReads.PageAsync(ctx, Whose(actor, null), ctx.GetArgument<DateOnly>("date"));
            });
    }

    /// <summary>Whose grants the caller lists: admins whoever they ask for (null: everyone); others themselves only.</summary>
    private static Guid? Whose(Actor actor, Guid? asked)
    {
        if (actor.IsAdmin) return asked;
        if (actor.MemberId is not { } self) throw MemberAccess.Forbidden("Only admins and members list grants.");
        if (asked is { } other && other != self) throw MemberAccess.Forbidden("Only admins list other members' grants.");
        return self;
    }
}
