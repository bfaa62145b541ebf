namespace WorkersPower.Campaigns.Actions;

/// <summary>One action's live counts as clients read them (the same figures as the action's public fields).</summary>
public sealed record ActionCountsView(Guid ActionId, int SignUps, int Attendances, int? Capacity, int? PlacesLeft, ActionStatus Status);

/// <summary>
/// actionCounts: one action's counts, then a new value whenever they change. A change to an action is a change to
/// its campaign's progress, already announced to every node (<see cref="ProgressNotifier"/>, <see cref="ProgressListener"/>):
/// each node reloads the counts of the actions its subscribers watch in that campaign, once per change whatever
/// the number of subscribers (<see cref="ProgressStreams{T}"/>), and sends only counts that changed.
/// </summary>
internal sealed class ActionCountsSubscription : ISchemaContributor
{
    public void AddSubscriptionFields(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<ActionCountsType>>("actionCounts")
            .Description("An action's counts: the current value, then a new one whenever its sign-ups, check-ins, capacity or status change. " +
                "Counts are public, as the action's own fields are.")
            .Argument<NonNullGraphType<IdGraphType>>("actionId", "The action's global id.")
            .AllowAnonymous()
            .ResolveStreamAsync(async ctx =>
            {
                var id = GlobalId.TryDecode(ctx.GetArgument<string>("actionId"), CampaignActionType.TypeName)
                    ?? throw NoSuchAction();
                var action = await ctx.LoadAction(id).GetResultAsync(ctx.CancellationToken) ?? throw NoSuchAction();
                // one load per change per action on this node, shared by every subscriber of it
                return ctx.RequestServices!.GetRequiredService<ProgressStreams<ActionCountsView>>().Of(id, action.CampaignId);
            });

    private static ExecutionError NoSuchAction() => new("There is no such action.") { Code = ErrorCodes.NotFound };

    /// <summary>The live counts of actions for subscriptions: one load per change per action, whatever the number of subscribers.</summary>
    public static ProgressStreams<ActionCountsView> LiveCounts(CampaignProgressFeed feed, ICampaignsStore store) =>
        new(feed, async (id, ct) =>
        {
            await using var session = store.QuerySession();
            // the counts only: not the action's lists of members (thousands for a national demonstration)
            var rows = await session.AdvancedSql.QueryAsync<ActionCountsView>(
                """
                select json_build_object('ActionId', a.id, 'SignUps', a.data -> 'SignUpCount', 'Attendances', a.data -> 'AttendanceCount',
                  'Capacity', a.data -> 'Capacity', 'Status', a.data -> 'Status')
                from campaigns.mt_doc_campaignaction a where a.id = ?
                """, ct, id);
            if (rows.Count == 0) throw NoSuchAction();
            var row = rows[0];
            return row with { PlacesLeft = row.Capacity is { } c ? Math.Max(0, c - row.SignUps) : null };
        });
}

public sealed class ActionCountsType : ObjectGraphType<ActionCountsView>
{
    public ActionCountsType()
    {
        Name = "ActionCounts";
        Description = "An action's live counts.";
        Field<NonNullGraphType<IdGraphType>>("actionId").Description("The action's global id.").Resolve(ctx => GlobalId.Encode(CampaignActionType.TypeName, ctx.Source.ActionId));
        Field(x => x.SignUps).Description("How many are signed up.");
        Field(x => x.Attendances).Description("How many were checked in (walk-ins included).");
        Field(x => x.Capacity, nullable: true).Description("How many can sign up (null: no limit).");
        Field(x => x.PlacesLeft, nullable: true).Description("Places left (null: no limit).");
        Field<NonNullGraphType<EnumerationGraphType<ActionStatus>>>("status").Description("Scheduled or cancelled.").Resolve(ctx => ctx.Source.Status);
    }
}
