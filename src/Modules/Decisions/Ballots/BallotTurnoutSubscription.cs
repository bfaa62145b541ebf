using WorkersPower.Platform.Live;

namespace WorkersPower.Decisions.Ballots;

/// <summary>
/// ballotTurnout: a ballot's turnout now, then a new value on every vote, opening and closing (from any node, through
/// <see cref="TurnoutFeed"/>). Never partial results: only how many have voted.
/// </summary>
internal sealed class BallotTurnoutSubscription : ISchemaContributor
{
    public void AddSubscriptionFields(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<BallotTurnoutType>>("ballotTurnout")
            .Description("A ballot's live turnout (whoever may see the ballot): the current value, then a new one on every vote and when it opens or closes. Never partial results.")
            .Argument<NonNullGraphType<IdGraphType>>("ballotId", "The ballot's global id.")
            .Authorize()
            .ResolveStreamAsync(async ctx =>
            {
                if (GlobalId.TryDecode(ctx.GetArgument<string>("ballotId"), BallotType.TypeName) is not { } id) throw NoSuchBallot();
                if (await ctx.LoadBallot(id).GetResultAsync(ctx.CancellationToken) is not { } ballot
                    || await ctx.LoadMeeting(ballot.MeetingId).GetResultAsync(ctx.CancellationToken) is not { } meeting
                    || !await ctx.MaySeeAsync(meeting)) throw NoSuchBallot();
                // one load per ballot on this node when subscribers arrive (or after the listener reconnected), shared by them
                return ctx.RequestServices!.GetRequiredService<LiveStreams<TurnoutView>>().Of(id);
            });

    private static ExecutionError NoSuchBallot() => new("There is no such ballot.") { Code = ErrorCodes.NotFound };

    /// <summary>
    /// The live turnouts of ballots for subscriptions: the current one (read when a subscriber arrives), then every newer
    /// one the feed brings, as it brings it (an older or equal value, e.g. a notice already included in the first read, is not sent).
    /// </summary>
    public static LiveStreams<TurnoutView> LiveTurnout(TurnoutFeed feed, IDecisionsStore store) =>
        new(feed.Listen, async (ballotId, ct) =>
        {
            await using var session = store.QuerySession();
            var ballot = await session.LoadAsync<Ballot>(ballotId, ct) ?? throw NoSuchBallot();
            var turnout = (await VoteStore.TurnoutAsync(session, [ballotId], ct)).GetValueOrDefault(ballotId);
            return TurnoutView.Of(ballot, ballot.Status, ballot.ElectorateSize ?? 0, turnout);
        }, (last, value) => value.IsNewerThan(last));
}

public sealed class BallotTurnoutType : ObjectGraphType<TurnoutView>
{
    public BallotTurnoutType()
    {
        Name = "BallotTurnout";
        Description = "A ballot's live turnout: how many of its electorate have voted (never how).";
        Field<NonNullGraphType<IdGraphType>>("ballotId").Description("The ballot's global id.").Resolve(ctx => GlobalId.Encode(BallotType.TypeName, ctx.Source.BallotId));
        Field(x => x.Turnout).Description("How many have voted.");
        Field(x => x.ElectorateSize).Description("How many may vote (0 before it opens).");
        Field(x => x.QuorumReached).Description("Whether the turnout reaches the ballot's quorum.");
        Field<NonNullGraphType<EnumerationGraphType<BallotStatus>>>("status").Description("Scheduled, open or closed.").Resolve(ctx => ctx.Source.Status);
    }
}
