using System.Collections.Concurrent;

namespace WorkersPower.Campaigns.Demo;

/// <summary>
/// Three campaigns (rank-and-file organising, Palestine solidarity, stopping the far right), each with actions of
/// the past months (sign-ups, attendance and an outcome) and upcoming ones the demo members signed up for, some
/// nearly full; one upcoming action cancelled today, so the members signed up have a notice. Loaded once by
/// build/run.sh, after Membership's demo data.
/// </summary>
/// <remarks>
/// Every step is decided by the module's own handler, in a session of its own; a step of the past runs on a
/// <see cref="DemoClock"/> stopped at its moment (the rules refuse an action scheduled in the past, and rightly),
/// so the stored events carry their real dates. The reminders an upcoming action schedules are sent on as the bus
/// would send them; live-progress notices are not (nobody is listening yet). The cancellation happens today, through the bus.
/// </remarks>
internal sealed class CampaignsDemoData : IDemoData
{
    private const string Mo = "Mo Member";

    private static readonly DemoCampaign[] Campaigns =
    [
        new("rank-and-file", "Rank-and-file organising in the depots",
            "Building committees in every bus garage and depot that answer to the workers on the shop floor, not to the officials: " +
            "the pay claim, the strike fund, and a bulletin on every shift.", 150, 150, 12,
            [
                new(ActionKind.Meeting, "Founding meeting of the depot committees", -118, 19, "Unity Hall, Holloway Road, London", 40, 9, 8,
                    "Twenty-three drivers and engineers from four garages agreed to set up committees that report to the shop floor, not to the full-time officials.",
                    [new("garages represented", 4), new("new contacts", 23)]),
                new(ActionKind.Picket, "Picket in support of the Holloway engineers' strike", -61, 5, "Holloway bus garage, main gate", null, 7, 7,
                    "The early shift refused to take the buses out for two hours; the company reopened talks the next day.",
                    [new("strike bulletins handed out", 350), new("raised for the strike fund (GBP)", 412)]),
                new(ActionKind.Leafleting, "Bulletin at the early shift", -19, 5, "Finsbury Park depot entrance", 10, 6, 5,
                    "Bulletin no. 3 went out to the whole early shift; three drivers asked to join the committee.",
                    [new("bulletins", 220), new("new contacts", 3)]),
                new(ActionKind.Meeting, "Depot committee meeting: the pay offer", 3, 18, "Unity Hall, Holloway Road, London", 12, 10, WithMo: true),
                new(ActionKind.Picket, "Picket at the bus garage", 7, 5, "Holloway bus garage, main gate", null, 6),
                new(ActionKind.Leafleting, "Leafleting the early shift", 10, 5, "Finsbury Park depot entrance", 6, 5),
            ]),
        new("palestine", "Workers' action for Palestine",
            "No arms to Israel through our workplaces: workplace meetings, union motions and blockades of the arms trade, " +
            "and a union bloc on every national march.", 200, 1000, 16,
            [
                new(ActionKind.Demonstration, "National march for Palestine: the trade union bloc", -92, 12, "Russell Square, London", null, 12, 11,
                    "A trade union bloc of over three hundred behind our banner; we met members of six union branches who want a workplace meeting.",
                    [new("in the union bloc", 300), new("papers sold", 85)], WithMo: true),
                new(ActionKind.Stall, "Street stall: no arms to Israel", -33, 11, "Market Street, Manchester", 8, 6, 6,
                    "412 signatures for the petition to stop the arms shipments through the port.",
                    [new("signatures", 412), new("papers sold", 37)]),
                new(ActionKind.Stall, "Street stall: stop the arms shipments", 5, 11, "Market Street, Manchester", 8, 5, WithMo: true),
                new(ActionKind.Meeting, "Workplace meeting: no arms through our ports", 9, 19, "Avonmouth dock social club, Bristol", 30, 9),
                new(ActionKind.Meeting, "Film screening and discussion", 12, 19, "Friends Meeting House, Manchester", 25, 4, WithMo: true,
                    CancelledBecause: "The venue pulled out under pressure; we will tell you the new venue and date as soon as we have them."),
                new(ActionKind.Demonstration, "National demonstration for Palestine", 14, 12, "Hyde Park Corner, London", null, 13, WithMo: true),
            ]),
        new("stop-the-far-right", "Stop the far right",
            "Wherever the far right marches, we organise the unions and the communities they target to outnumber them, " +
            "and we answer their lies about migrants in the workplaces and on the estates.", 80, 300, 14,
            [
                new(ActionKind.Demonstration, "Counter-protest: they shall not pass", -44, 13, "George Square, Glasgow", null, 10, 9,
                    "We outnumbered the far right ten to one; union branches brought their banners and the rally they planned never got going.",
                    [new("on the counter-protest", 1200), new("union banners", 14)]),
                new(ActionKind.Leafleting, "Estate leafleting against the far right", -12, 10, "Easton, Bristol", 12, 7, 6,
                    "Two hundred doors knocked on; a tenants' meeting called for next month.",
                    [new("doors knocked", 200), new("leaflets", 600)], WithMo: true),
                new(ActionKind.Meeting, "Organising meeting: stopping the far-right rally", 4, 19, "Mechanics Institute, Manchester", 15, 13),
                new(ActionKind.Demonstration, "Counter-protest against the far-right rally", 8, 12, "Piccadilly Gardens, Manchester", null, 11, WithMo: true),
            ]),
    ];

    public int Order => 20;

    public async Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ICampaignsStore>();
        var bus = services.GetRequiredService<IMessageBus>();
        var context = services.GetRequiredService<IMessageContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using (var check = store.QuerySession())
            if (await check.Query<Campaign>().AnyAsync(cancellationToken)) return;

        var members = await MembersAsync(store, cancellationToken);
        var olu = members.First(m => m.DisplayName == "Olu Organiser");
        var organiser = new Caller(olu.Id, olu.Id, [Roles.Member, Roles.Organiser]);
        var others = members.Where(m => m.DisplayName != Mo && m.Standing != MemberStanding.Suspended).Select(m => m.Id).ToList();
        var mo = members.First(m => m.DisplayName == Mo).Id;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);

        var reminders = new ConcurrentQueue<ISendMyself>();
        // each campaign in its streams of its own, side by side; each starts its turn among the members elsewhere
        await Task.WhenAll(Campaigns.Select(async (c, index) =>
        {
            var turn = index * 30;
            var pool = Enumerable.Range(0, Math.Min(c.Pool, others.Count)).Select(i => others[(turn + i * 5) % others.Count]).Distinct().ToList();
            var launchedAt = today.AddDays(-c.LaunchedDaysAgo).AddHours(11);
            Guid campaignId;
            await using (var session = store.LightweightSession())
            {
                var (launched, grant) = await LaunchCampaignHandler.Handle(new LaunchCampaign(c.Title, c.Summary, c.Slug, c.Goal, organiser), session, new DemoClock(launchedAt), cancellationToken);
                campaignId = launched.Id ?? throw Refused("campaign", launched.Errors);
                await session.SaveChangesAsync(cancellationToken);
                // Olu becomes CAMPAIGN_ORGANISER on it, as launchCampaign makes the launcher
                if (grant is not null) await bus.InvokeAsync(grant, cancellationToken);
            }
            var runner = RunnerOf(organiser, campaignId);
            foreach (var a in c.Actions)
            {
                var starts = today.AddDays(a.InDays).AddHours(a.Hour).AddMinutes(a.Hour < 8 ? 30 : 0);
                // scheduled three weeks ahead (or a few days ago for the upcoming ones), after the launch
                var scheduledAt = a.InDays < 0 ? starts.AddDays(-21) : now.AddDays(-3 - a.InDays % 3).AddHours(-2);
                if (scheduledAt < launchedAt) scheduledAt = launchedAt.AddHours(1);
                Guid actionId;
                await using (var session = store.LightweightSession())
                {
                    var (scheduled, outgoing) = await ScheduleActionHandler.Handle(
                        new ScheduleAction(campaignId, a.Kind, a.Title, starts, starts.AddHours(a.Kind == ActionKind.Demonstration ? 4 : 2), a.Location, a.Capacity, null, runner),
                        session, new DemoClock(scheduledAt), cancellationToken);
                    actionId = scheduled.Id ?? throw Refused("action", scheduled.Errors);
                    await session.SaveChangesAsync(cancellationToken);
                    // the reminder of an upcoming action, 24 hours before it starts (sent on below, one at a time)
                    if (a.InDays > 0) foreach (var reminder in outgoing.OfType<ISendMyself>()) reminders.Enqueue(reminder);
                }

                // sign-ups between the scheduling and the start (or today), Mo first where Mo takes part, the others in turn
                // (one whose suspension has reached Campaigns by then is refused, as the rules say, and the next one signs up)
                var candidates = (a.WithMo ? [mo] : new List<Guid>()).Concat(Enumerable.Range(0, pool.Count).Select(i => pool[(turn + i) % pool.Count]));
                turn += 5;
                var until = a.InDays < 0 ? starts.AddHours(-2) : now.AddMinutes(-10);
                var signing = new List<Guid>();
                foreach (var member in candidates)
                {
                    if (signing.Count == a.SignUps) break;
                    var at = scheduledAt + (until - scheduledAt) * (signing.Count + 1) / (a.SignUps + 1);
                    await using var session = store.LightweightSession();
                    var signedUp = await SignUpForActionHandler.Handle(new SignUpForAction(actionId, member), session, null, new DemoClock(at), cancellationToken);
                    if (signedUp.Id is null && member != mo && signedUp.Errors is [{ Code: ErrorCodes.InvalidState }]) continue;
                    if (signedUp.Id is null) throw Refused("sign-up", signedUp.Errors);
                    await session.SaveChangesAsync(cancellationToken);
                    signing.Add(member);
                }
                if (a.Outcome is null) continue;

                // the past: who came (checked in by the organiser as they arrived), and what it achieved
                for (var i = 0; i < a.Attended; i++)
                {
                    var at = starts.AddMinutes(5 + i);
                    await using var session = store.LightweightSession();
                    var (checkedIn, _) = await CheckInAttendeeHandler.Handle(new CheckInAttendee(actionId, signing[i], runner), session, new DemoClock(at), cancellationToken);
                    if (checkedIn.Id is null) throw Refused("check-in", checkedIn.Errors);
                    await session.SaveChangesAsync(cancellationToken);
                }
                await using (var session = store.LightweightSession())
                {
                    var recorded = await RecordActionOutcomeHandler.Handle(new RecordActionOutcome(actionId, a.Outcome, a.Counts ?? [], runner), session,
                        new DemoClock(starts.AddHours(a.Kind == ActionKind.Demonstration ? 6 : 3)), cancellationToken);
                    if (recorded.Id is null) throw Refused("outcome", recorded.Errors);
                    await session.SaveChangesAsync(cancellationToken);
                }
            }
        }));
        foreach (var reminder in reminders) await reminder.ApplyAsync(context);

        // Today: an upcoming action is cancelled; whoever signed up gets a notice (and, with mail on, a mail).
        foreach (var (c, a) in Campaigns.SelectMany(c => c.Actions.Where(a => a.CancelledBecause is not null).Select(a => (c, a))))
        {
            await using var read = store.QuerySession();
            var action = await read.Query<CampaignAction>().SingleAsync(x => x.Title == a.Title, cancellationToken);
            var cancelled = await bus.InvokeAsync<CommandResult>(new CancelAction(action.Id, a.CancelledBecause!, RunnerOf(organiser, action.CampaignId)), cancellationToken);
            if (cancelled.Id is null) throw Refused("cancellation", cancelled.Errors);
        }
    }

    /// <summary>
    /// Campaigns' copies of the demo members, which Membership's news brings a moment after its demo data is in:
    /// waited for until the demo accounts are there and no more arrive (at most 30 seconds).
    /// </summary>
    private static async Task<IReadOnlyList<CampaignMember>> MembersAsync(ICampaignsStore store, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var seen = "";
        while (true)
        {
            await using var session = store.QuerySession();
            var members = (await session.Query<CampaignMember>().ToListAsync(ct)).OrderBy(m => m.DisplayName, StringComparer.Ordinal).ToList();
            var ready = members.Any(m => m.DisplayName == Mo) && members.Any(m => m.DisplayName == "Olu Organiser");
            // how many, and how many not active (a lapse or suspension arrives as news too)
            var state = ready ? $"{members.Count}/{members.Count(m => m.Standing != MemberStanding.Active)}" : "";
            if (ready && state == seen) return members;
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"Campaigns' copies of the demo members did not arrive within 30 seconds ({members.Count} there).");
            seen = state;
            await Task.Delay(250, ct);
        }
    }

    /// <summary>Olu as the rules see them on a campaign they launched: holding CAMPAIGN_ORGANISER on it (as the token check would add it).</summary>
    private static Caller RunnerOf(Caller organiser, Guid campaignId) =>
        organiser with { Grants = [new Grant(Guid.NewGuid(), Roles.CampaignOrganiser, GrantScopeKind.Campaign, campaignId, null)] };

    private static InvalidOperationException Refused(string what, IReadOnlyList<UserError> errors) =>
        new($"Demo {what} refused: " + string.Join("; ", errors.Select(e => e.Message)));

    /// <param name="Pool">How many of the members (besides Mo) take part in it: campaigns differ in who they reach.</param>
    private sealed record DemoCampaign(string Slug, string Title, string Summary, int LaunchedDaysAgo, int Goal, int Pool, DemoAction[] Actions);

    /// <param name="InDays">Days from today (negative: in the past, with <paramref name="Attended"/> and an <paramref name="Outcome"/>).</param>
    /// <param name="SignUps">How many signed up (within <paramref name="Capacity"/>: a few places left where it is nearly full).</param>
    private sealed record DemoAction(
        ActionKind Kind, string Title, int InDays, int Hour, string Location, int? Capacity, int SignUps, int Attended = 0, string? Outcome = null,
        OutcomeCount[]? Counts = null, bool WithMo = false, string? CancelledBecause = null);
}
