namespace WorkersPower.Membership.Members;

/// <summary>
/// memberByEmail: the member a bank statement names by their email address, found by the whole address only
/// (any case), for treasurers, organisers (their own branch) and admins.
/// </summary>
internal sealed class MemberByEmailQuery : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<MemberType>("memberByEmail")
            .Description("The member whose email address is exactly this one (the whole address, in any case; never a part of one), e.g. as a bank statement gives it. " +
                "Null when no member has it or the caller may not reach them (organisers: members of their own branch; treasurers and admins: everyone). " +
                "Only the match is told: the member's fields keep their own rules (a treasurer reads no email). Finding a member counts as a read of their data and is recorded.")
            .Argument<NonNullGraphType<StringGraphType>>("email", "The whole email address (BAD_USER_INPUT when it is not one).")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Treasurer, Roles.Admin)
            .ResolveAsync(async ctx => await FindAsync(ctx, ctx.GetArgument<string>("email")));

    private static async Task<MemberProfile?> FindAsync(IResolveFieldContext ctx, string email)
    {
        var actor = await ctx.RequireActorAsync();
        if (!actor.ListsMembers) throw MemberAccess.Forbidden("Only treasurers, organisers and admins look members up.");
        if (!Emails.IsValid(email))
            throw new ExecutionError("'email' must be a whole email address, e.g. name@example.org.") { Code = ErrorCodes.BadUserInput };
        var key = Emails.Key(email);
        await using var session = ctx.Session();
        // the duplicated, indexed email_key column: an exact comparison, never a pattern
        var member = await session.Query<MemberProfile>().Where(m => m.EmailKey == key && !m.Erased).FirstOrDefaultAsync(ctx.CancellationToken);
        if (member is null || !actor.Sees(member)) return null;
        // tying an address to a member is a read of their data (as importContributionPayments records it); once per request
        if (!actor.IsSelf(member)) await ctx.RecordPersonalRead(actor, member.Id).GetResultAsync(ctx.CancellationToken);
        return member;
    }
}
