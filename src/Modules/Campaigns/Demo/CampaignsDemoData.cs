namespace WorkersPower.Campaigns.Demo;

/// <summary>Two campaigns with upcoming actions, loaded once by build/run.sh (after Membership's demo data).</summary>
internal sealed class CampaignsDemoData : IDemoData
{
    public int Order => 20;

    public async Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ICampaignsStore>();
        var bus = services.GetRequiredService<IMessageBus>();
        var clock = services.GetRequiredService<TimeProvider>();
        await using (var check = store.QuerySession())
            if (await check.Query<Campaign>().AnyAsync(cancellationToken)) return;

        var organiser = new Caller(Guid.Empty, null, [Roles.Organiser]);
        var now = clock.GetUtcNow();
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        (string Title, string Summary, int Goal, (ActionKind Kind, string Title, int InDays, int Hour, string Where, int? Capacity)[] Actions)[] campaigns =
        [
            ("Rank-and-file organising in the depots", "Building workplace committees that do not wait for the officials.", 200,
                [(ActionKind.Meeting, "Depot committee meeting", 3, 18, "Unity Hall, North London", 40), (ActionKind.Picket, "Picket at the bus garage", 7, 6, "Main gate", null),
                 (ActionKind.Leafleting, "Leafleting the early shift", 10, 5, "Depot entrance", 12)]),
            ("Workers' action for Palestine", "Blocking the arms trade where we work, and marching with our unions.", 1000,
                [(ActionKind.Demonstration, "National demonstration", 14, 12, "Hyde Park Corner", null), (ActionKind.Stall, "Saturday stall", 5, 11, "Market square", 8)]),
        ];
        foreach (var (title, summary, goal, actions) in campaigns)
        {
            var launched = await bus.InvokeAsync<CommandResult>(new LaunchCampaign(title, summary, null, goal, organiser), cancellationToken);
            if (launched.Id is not { } id) throw new InvalidOperationException("Demo campaign refused: " + string.Join("; ", launched.Errors.Select(e => e.Message)));
            foreach (var a in actions)
            {
                var starts = day.AddDays(a.InDays).AddHours(a.Hour);
                var scheduled = await bus.InvokeAsync<CommandResult>(
                    new ScheduleAction(id, a.Kind, a.Title, starts, starts.AddHours(2), a.Where, a.Capacity, null, organiser), cancellationToken);
                if (scheduled.Id is null) throw new InvalidOperationException("Demo action refused: " + string.Join("; ", scheduled.Errors.Select(e => e.Message)));
            }
        }
    }
}
