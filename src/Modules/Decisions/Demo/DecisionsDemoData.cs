using WorkersPower.Decisions.Motions;
using WorkersPower.Membership.Contracts;

namespace WorkersPower.Decisions.Demo;

/// <summary>
/// Demo data for build/run.sh: a North London branch meeting convened by Olu (its organiser) with a motion carried by
/// a secret ballot (four of the five members in good standing voted, Mo did not), a second motion from Mo waiting for
/// a seconder, and the branch committee's election by STV (two seats) open for a week, with two votes in: Mo can vote.
/// Loaded once, after Membership's demo members; skipped when a meeting exists.
/// </summary>
/// <remarks>
/// Everything goes through the module's own commands on the bus (and votes through the ballot box, as castVote does),
/// with today's clock: the rules decide, and the results and receipts are real.
/// </remarks>
internal sealed class DecisionsDemoData : IDemoData
{
    public int Order => 40;

    public async Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IDecisionsStore>();
        await using (var check = store.QuerySession())
            if (await check.Query<Meeting>().AnyAsync(cancellationToken)) return;
        var electorate = services.GetRequiredService<IElectorate>();
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var all = await electorate.MembersAsync(null, now, null, cancellationToken);
        var names = await electorate.NamesAsync(all, cancellationToken);
        Guid Id(string name) => names.FirstOrDefault(n => n.Value == name).Key is var id && id != Guid.Empty
            ? id : throw new InvalidOperationException($"Demo decisions: no member in good standing named {name}.");
        var (olu, mo, sam, yusuf, ada) = (Id("Olu Organiser"), Id("Mo Member"), Id("Sam Okafor"), Id("Yusuf Ali"), Id("Ada Admin"));
        var branch = (await electorate.StandingAsync(olu, now, cancellationToken))!.BranchId;
        Caller Member(Guid id) => new(id, id, [Roles.Member]);
        var organiser = new Caller(olu, olu, [Roles.Member, Roles.Organiser]) { Grants = [new Grant(Guid.Empty, Roles.Organiser, GrantScopeKind.Branch, branch, null)] };

        using var scope = services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        async Task<Guid> Run(object command, string what)
        {
            var result = await bus.InvokeAsync<CommandResult>(command, cancellationToken);
            return result.Id ?? throw new InvalidOperationException($"Demo {what} refused: " + string.Join("; ", result.Errors.Select(e => e.Message)));
        }
        async Task Vote(Guid ballotId, Guid voter, params string[] choice)
        {
            var cast = await BallotBox.CastAsync(new CastVote(ballotId, voter, null, choice, null), store, clock, cancellationToken);
            if (cast.Receipt is null) throw new InvalidOperationException("Demo vote refused: " + (cast.Forbidden ?? string.Join("; ", cast.Errors.Select(e => e.Message))));
        }

        var meeting = await Run(new ConveneMeeting("North London branch meeting", DecisionBody.BranchMeeting, branch, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(18.5),
            1, null, organiser), "meeting");
        var strike = await Run(new SubmitMotion(meeting, "Back the bus drivers' strike",
            "This branch notes that drivers at Holloway garage have voted to strike over the new rotas.\n" +
            "This branch resolves to join their picket lines, to collect for their strike fund at every stall this month, " +
            "and to ask the trades council to do the same.", Member(sam)), "motion");
        await Run(new SecondMotion(strike, Member(yusuf)), "seconding");
        var ballot = await Run(new PutToVote(strike, null, new BallotSettings(VoteSecrecy.Secret, false, 0.5m, null, null, null), organiser), "ballot");
        await Run(new OpenBallotNow(ballot, organiser), "opening");
        await Vote(ballot, olu, MotionOptions.Yes);
        await Vote(ballot, sam, MotionOptions.Yes);
        await Vote(ballot, yusuf, MotionOptions.Yes);
        await Vote(ballot, ada, MotionOptions.Abstain);
        await Run(new CloseBallotNow(ballot, organiser), "close");

        await Run(new SubmitMotion(meeting, "March with the Palestine solidarity bloc",
            "This branch resolves to march as a branch, behind the union banners, in the national demonstration for Palestine.", Member(mo)), "motion");

        var election = await Run(new CreateBallot(meeting, "Branch committee", BallotKind.Stv, ["Sam Okafor", "Yusuf Ali", "Olu Organiser"], 2,
            new BallotSettings(VoteSecrecy.Secret, true, 0.25m, null, now.AddDays(7), null), organiser), "election");
        await Run(new OpenBallotNow(election, organiser), "opening");
        await Vote(election, sam, "Sam Okafor", "Olu Organiser");
        await Vote(election, yusuf, "Yusuf Ali", "Sam Okafor", "Olu Organiser");
    }
}
