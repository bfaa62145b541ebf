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
                var notFound = new ExecutionError("There is no such ballot.") { Code = ErrorCodes.NotFound };
                if (GlobalId.TryDecode(ctx.GetArgument<string>("ballotId"), BallotType.TypeName) is not { } id) throw notFound;
                if (await ctx.LoadBallot(id).GetResultAsync(ctx.CancellationToken) is not { } ballot
                    || await ctx.LoadMeeting(ballot.MeetingId).GetResultAsync(ctx.CancellationToken) is not { } meeting
                    || !await ctx.MaySeeAsync(meeting)) throw notFound;
                var services = ctx.RequestServices!;
                return new TurnoutStream(services.GetRequiredService<TurnoutFeed>(), services.GetRequiredService<IDecisionsStore>(), id);
            });
}

/// <summary>
/// One subscriber's turnout values: the current one (read when it subscribes), then every newer one the feed brings
/// (an older or equal value, e.g. a notice already included in the first read, is not sent).
/// </summary>
internal sealed class TurnoutStream(TurnoutFeed feed, IDecisionsStore store, Guid ballotId) : IObservable<TurnoutView>
{
    public IDisposable Subscribe(IObserver<TurnoutView> observer)
    {
        var gate = new Lock();
        TurnoutView? last = null;
        var stopped = false;
        void Offer(TurnoutView value)
        {
            lock (gate)
            {
                if (stopped || (last is not null && !value.IsNewerThan(last))) return;
                last = value;
                observer.OnNext(value);
            }
        }
        async Task ReloadAsync()
        {
            try
            {
                if (await LoadAsync(store, ballotId, CancellationToken.None) is { } value) Offer(value);
            }
#pragma warning disable CA1031 // a failed read ends this subscriber's stream, not the process
            catch (Exception e)
            {
                lock (gate)
                {
                    if (stopped) return;
                    stopped = true;
                }
                observer.OnError(e);
            }
#pragma warning restore CA1031
        }
        var listening = feed.Listen(ballotId, value =>
        {
            if (value is null) _ = ReloadAsync();
            else Offer(value);
        });
        _ = ReloadAsync();
        return new Unsubscribe(() =>
        {
            lock (gate) stopped = true;
            listening.Dispose();
        });
    }

    /// <summary>The ballot's turnout as stored now.</summary>
    public static async Task<TurnoutView?> LoadAsync(IDecisionsStore store, Guid ballotId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<Ballot>(ballotId, ct) is not { } ballot) return null;
        var turnout = (await VoteStore.TurnoutAsync(session, [ballotId], ct)).GetValueOrDefault(ballotId);
        return TurnoutView.Of(ballot, ballot.Status, ballot.ElectorateSize ?? 0, turnout);
    }

    private sealed class Unsubscribe(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
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
