using WorkersPower.Campaigns.Contracts;

namespace WorkersPower.Membership.Messages;

/// <summary>messageRecipientCount (the preview before sending) and organiserMessages (the record of what was sent).</summary>
internal sealed class MessageQueries : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<IntGraphType>>("messageRecipientCount")
            .Description("How many members a message to this segment would go to now: those in it who accept email (organisers, admins). " +
                "The same rules as sendMessageToMembers: FORBIDDEN for a segment the caller may not write to, BAD_USER_INPUT for one that is not a segment or names nothing.")
            .Argument<NonNullGraphType<AutoRegisteringInputObjectGraphType<MessageSegmentInput>>>("segment", "Whom the message would go to.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var actor = await ctx.RequireActorAsync();
                var segment = ctx.GetArgument<MessageSegmentInput>("segment").ToSegment();
                if (segment.Problem is { } problem) throw new ExecutionError(problem.Message) { Code = ErrorCodes.BadUserInput };
                await using var session = ctx.Session();
                var audience = await MessageAudiences.FindAsync(session, ctx.RequestServices!.GetRequiredService<ICampaignAudience>(), segment, actor, ctx.Today(), ctx.CancellationToken);
                return audience switch
                {
                    Audience.Reached reached => reached.Recipients.Count,
                    Audience.Denied denied => throw MemberAccess.Forbidden(denied.Why),
                    Audience.Unknown unknown => throw new ExecutionError(unknown.Why.Message) { Code = ErrorCodes.BadUserInput },
                    _ => throw new InvalidOperationException(audience.GetType().Name),
                };
            });

        query.Field<NonNullGraphType<ConnectionType<OrganiserMessageType>>>("organiserMessages")
            .Description("Organisers' messages as sent, newest first: who, when, to which segment, to how many, and the text. Admins read every one; an organiser reads their own.")
            .PageArguments()
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var actor = await ctx.RequireActorAsync();
                var page = PageRequest.From(ctx);
                var own = actor.IsAdmin ? (Guid?)null : actor.AccountId;
                IBatchedQueryable<OrganiserMessage> Filtered(IBatchedQueryable<OrganiserMessage> q) => own is { } me ? q.Where(m => m.SenderAccountId == me) : q;
                await using var session = ctx.Session();
                return await page.PageAsync<OrganiserMessage>(session, Filtered, m => m.Sequence, descending: true, ctx.CancellationToken);
            });
    }
}
