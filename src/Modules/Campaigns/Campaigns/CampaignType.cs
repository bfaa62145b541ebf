namespace WorkersPower.Campaigns.Campaigns;

public sealed class CampaignType : ObjectGraphType<Campaign>
{
    public const string TypeName = "Campaign";

    public const int MaxActivityDays = 366;

    public CampaignType()
    {
        Name = TypeName;
        Description = "A campaign with a goal, run through actions.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field(x => x.Slug).Description("The campaign's address, unique and stable.");
        Field(x => x.Title).Description("The title.");
        Field(x => x.Summary).Description("What it is about.");
        Field<NonNullGraphType<EnumerationGraphType<CampaignStatus>>>("status").Description("Running or concluded.").Resolve(ctx => ctx.Source.Status);
        Field(x => x.LaunchedAt).Description("When it was launched.");
        Field(x => x.Goal, nullable: true).Description("The target, e.g. a number of participants.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignOrganiserType>>>>("organisers")
            .Description("Who runs it now: the members holding CAMPAIGN_ORGANISER on it (its launcher, unless that grant was revoked, and whoever " +
                "an admin granted it to), in the order they got it. Names only.")
            .Resolve(ctx => ctx.LoadCampaignOrganisers(ctx.Source.Id).Then(ids => (ids ?? []).Select(id => new CampaignOrganiser(id)).ToList()));
        Field<NonNullGraphType<BooleanGraphType>>("viewerOrganises")
            .Description("Whether you run this campaign: true for admins and for its organisers (CAMPAIGN_ORGANISER on it), who manage it and its actions, " +
                "check people in, look for walk-ins and message its participants; false for everyone else, signed out included.")
            .Resolve(ctx => ViewerOrganises.Of(Caller.From(ctx.User), ctx.Source));
        Field<NonNullGraphType<ConnectionType<CampaignActionType>>>("actions")
            .Description("The campaign's actions by start time (cancelled ones included).")
            .Argument<BooleanGraphType>("upcomingOnly", "Only actions that have not started and are not cancelled.")
            .PageArguments()
            .ResolveAsync(async ctx => await CampaignActionsPage.PageAsync(ctx, ctx.Source.Id, ctx.GetArgument<bool?>("upcomingOnly") ?? false));
        Field<NonNullGraphType<CampaignProgressType>>("progress").Description("Live figures.")
            .Resolve(ctx => CampaignProgressSubscription.LoadProgress(ctx, ctx.Source.Id).Then(p => p ?? new ProgressView(ctx.Source.Id, 0, 0, 0, 0, ctx.Source.Goal)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignDayType>>>>("activity")
            .Description("Sign-ups, withdrawals and check-ins per UTC day over the last `days` days (today included), newest first; days without any are left out. Updated asynchronously: may lag a moment behind `progress`.")
            .Argument<IntGraphType>("days", $"How many UTC days back, today included: 1 to {MaxActivityDays}.", a => a.DefaultValue = 30)
            .Resolve(ctx =>
            {
                var days = ctx.GetArgument<int?>("days") ?? 30;
                if (days is < 1 or > MaxActivityDays)
                    throw new ExecutionError($"'days' must be between 1 and {MaxActivityDays}.") { Code = ErrorCodes.BadUserInput };
                var today = DateOnly.FromDateTime(ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
                return LoadActivity(ctx, ctx.Source.Id, today.AddDays(1 - days)).Then(d => d ?? []);
            });
    }

    /// <summary>
    /// The days with activity since <paramref name="since"/> of every campaign asked for on the page, newest
    /// first, in one round trip (one loader per window, as <c>days</c> may differ between fields).
    /// </summary>
    private static IDataLoaderResult<IReadOnlyList<CampaignDay>?> LoadActivity(IResolveFieldContext context, Guid campaignId, DateOnly since)
    {
        var store = context.RequestServices!.GetRequiredService<ICampaignsStore>(); // the fetch may run once this context is recycled
        return context.BatchLoaders().Get<Guid, IReadOnlyList<CampaignDay>>($"campaigns.activity.{since:yyyy-MM-dd}", async (ids, ct) =>
        {
            var campaigns = ids.ToArray();
            await using var session = store.QuerySession();
            var days = await session.Query<CampaignDay>()
                .Where(d => campaigns.Contains(d.CampaignId) && d.Day >= since)
                .OrderByDescending(d => d.Day)
                .ToListAsync(ct);
            return days.GroupBy(d => d.CampaignId).ToDictionary(g => g.Key, g => (IReadOnlyList<CampaignDay>)g.ToList());
        }).Load(campaignId);
    }
}

public sealed class CampaignDayType : ObjectGraphType<CampaignDay>
{
    public CampaignDayType()
    {
        Name = "CampaignDay";
        Description = "A campaign's activity on one UTC day, across its actions. The figures are updated asynchronously and may lag a moment behind the latest sign-ups and check-ins.";
        Field(x => x.Day).Description("The UTC day.");
        Field(x => x.SignUps).Description("Sign-ups made that day.");
        Field(x => x.Withdrawals).Description("Withdrawals made that day.");
        Field(x => x.CheckIns).Description("Check-ins recorded that day.");
    }
}

public sealed record CampaignOrganiser(Guid MemberId);

public sealed class CampaignOrganiserType : ObjectGraphType<CampaignOrganiser>
{
    public CampaignOrganiserType()
    {
        Name = "CampaignOrganiser";
        Description = "An organiser of a campaign.";
        Field<NonNullGraphType<StringGraphType>>("displayName").Description("The name to show.")
            .Resolve(ctx => ctx.LoadMember(ctx.Source.MemberId).Then(m => m?.DisplayName ?? "An organiser"));
    }
}
