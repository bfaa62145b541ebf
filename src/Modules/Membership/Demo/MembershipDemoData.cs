using Microsoft.AspNetCore.Identity;

namespace WorkersPower.Membership.Demo;

/// <summary>
/// Demo data for build/run.sh: four branches; an admin, an organiser and a member who can sign in (passwords below,
/// printed by run.sh); sixteen more members who joined over the past year and paid (or did not) month by month, so
/// that most are active, two have lapsed, one is two months in arrears and one is suspended; and five applications
/// waiting for a decision. Skipped when the demo branches exist.
/// </summary>
/// <remarks>
/// What happened in the past is decided by the module's own handlers, each called in a session of its own with a
/// <see cref="DemoClock"/> stopped at that day (a member applies, is approved, pays); their news for the other
/// modules (<see cref="MemberJoined"/>, <see cref="MemberStandingChanged"/>) is published as the bus would, and the
/// mails of the past are not sent. What happens today (the arrears warning and lapse checks, the suspension, the
/// pending applications) goes through the bus with the real clock.
/// </remarks>
internal sealed class MembershipDemoData : IDemoData
{
    public static readonly (string Email, string Password, string[] Roles, string Given, string Family)[] Accounts =
    [
        ("admin@demo.workerspower.org", "ada-demo-pass-2026", [Roles.Member, Roles.Admin], "Ada", "Admin"),
        ("organiser@demo.workerspower.org", "olu-demo-pass-2026", [Roles.Member, Roles.Organiser], "Olu", "Organiser"),
        ("member@demo.workerspower.org", "mo-demo-pass-2026", [Roles.Member], "Mo", "Member"),
    ];

    private static readonly (string Name, string Region)[] Branches =
    [
        ("North London", "London"), ("Manchester", "North West"), ("Glasgow", "Scotland"), ("Bristol", "South West"),
    ];

    /// <summary>
    /// Who joined when (months ago), into which branch (index into <see cref="Branches"/>), and how many months of
    /// contributions they are behind today (three or more: lapsed). The first three are <see cref="Accounts"/>.
    /// </summary>
    private static readonly DemoMember[] Members =
    [
        new("Ada", "Admin", 0, 14, 0, "Unite", "Print works", ["publications", "rank-and-file"], 15),
        new("Olu", "Organiser", 0, 11, 0, "Unite", "Holloway bus garage", ["rank-and-file", "anti-fascism"], 10),
        new("Mo", "Member", 0, 7, 0, "UNISON", "Whittington Hospital", ["palestine", "rank-and-file"], 10),
        new("Sam", "Okafor", 0, 9, 0, "Unite", "Holloway bus garage", ["rank-and-file"], 10),
        new("Priya", "Patel", 1, 12, 0, "UNISON", "Manchester Royal Infirmary", ["palestine", "rank-and-file"], 15),
        new("Tomasz", "Nowak", 2, 5, 0, "GMB", "Amazon fulfilment centre", ["rank-and-file", "anti-fascism"], 5),
        new("Aisha", "Rahman", 3, 8, 0, "NEU", "Secondary school, Easton", ["palestine", "students"], 10),
        new("Declan", "Byrne", 0, 10, 4, "RMT", "Finsbury Park depot", ["rank-and-file"], 10),
        new("Mei", "Chen", 1, 6, 0, "UCU", "University of Manchester", ["students", "palestine"], 10),
        new("Kwame", "Mensah", 2, 12, 0, "RMT", "Glasgow Central station", ["rank-and-file", "anti-fascism"], 20),
        new("Rosa", "Lopez", 3, 4, 2, "Unite", "Bristol Port", ["palestine", "housing"], 5),
        new("Yusuf", "Ali", 0, 3, 0, "Unite", "Heathrow cargo", ["palestine"], 10),
        new("Hannah", "Schmidt", 1, 7, 5, "PCS", "Job centre, Salford", ["anti-fascism"], 5),
        new("Joe", "Murphy", 2, 9, 0, "Unite", "Govan shipyard", ["rank-and-file"], 15),
        new("Fatima", "Hussain", 3, 6, 0, "RCN", "Southmead Hospital", ["palestine", "anti-fascism"], 10),
        new("Liam", "O'Connor", 0, 11, 0, "GMB", "Royal Mail, Mount Pleasant", ["rank-and-file"], 10),
        new("Grace", "Adeyemi", 1, 2, 0, "UNISON", "Council housing office", ["housing", "anti-fascism"], 5),
        new("Ewan", "Campbell", 2, 8, 1, "EIS", "Primary school, Partick", ["anti-fascism", "students"], 10),
        new("Chloe", "Evans", 3, 10, 0, "CWU", "BT call centre", ["rank-and-file", "publications"], 10),
    ];

    /// <summary>Who is suspended (by the North London organiser), and why.</summary>
    private const string Suspended = "Liam O'Connor";

    private const string SuspensionReason = "Broke the branch's code of conduct at the October meeting; suspended until the branch committee has heard him.";

    private static readonly (string Given, string Family)[] Applicants = [("Sana", "Iqbal"), ("Callum", "Reid"), ("Ifeoma", "Eze"), ("Marek", "Kowalski"), ("Bethan", "Jones")];

    private static readonly string[] Interests = ["rank-and-file", "palestine", "anti-fascism", "publications", "students", "housing"];

    public int Order => 0;

    public async Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IMembershipStore>();
        await using (var check = store.QuerySession())
        {
            if (await check.Query<Branch>().AnyAsync(b => b.NameKey == "north london", cancellationToken)) return;
        }

        var bus = services.GetRequiredService<IMessageBus>();
        var mailer = services.GetRequiredService<Mailer>();
        var programmes = services.GetRequiredService<IProgrammeRevisions>(); // none yet when Content's demo pages come later
        var hasher = services.GetRequiredService<IPasswordHasher<Account>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var branchIds = new List<Guid>();
        foreach (var (name, region) in Branches)
        {
            var created = await bus.InvokeAsync<CommandResult>(new CreateBranch(name, region, Actor.System), cancellationToken);
            branchIds.Add(created.Id ?? throw Refused("branch", created.Errors));
        }

        // each member's history is a stream of its own: four at a time
        var ids = new ConcurrentDictionary<string, Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Members.Length), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var m = Members[i];
            // joined some months ago, on a day of that month that varies from member to member
            var joined = today.AddMonths(-m.MonthsAgo).AddDays(-(i * 5 % 20)).AddHours(10 + i % 8);
            var email = i < Accounts.Length ? Accounts[i].Email : $"member{i - Accounts.Length + 1}@demo.workerspower.org";
            var memberId = await JoinAsync(store, bus, mailer, programmes, m, email, branchIds[m.Branch], i, joined, ct);
            ids[m.Name] = memberId;
            if (i < Accounts.Length) await ActivateAsync(store, hasher, memberId, Accounts[i].Password, Accounts[i].Roles, joined.AddDays(1), ct);
            await PayAsync(store, m, memberId, joined, now, ct);
        });

        // Today: the arrears rules look at whoever is two months behind or more (a warning at two, a lapse at three), as their scheduled checks would.
        foreach (var memberId in Members.Where(m => m.MonthsBehind >= ContributionLedger.WarnAfterMonths).Select(m => ids[m.Name]))
        {
            await bus.InvokeAsync(new WarnOfArrears(memberId), cancellationToken);
            await bus.InvokeAsync(new CheckArrears(memberId), cancellationToken);
        }
        // From today on, each member's own checks are scheduled for the day they would fall behind, as a payment schedules them.
        var context = services.GetRequiredService<IMessageContext>();
        await using (var read = store.QuerySession())
            foreach (var member in await read.LoadManyAsync<MemberProfile>(cancellationToken, ids.Values))
            {
                var outgoing = new OutgoingMessages();
                MemberLifecycleHandler.ScheduleArrearsCheck(outgoing, member.Id, member.Ledger, now);
                foreach (var scheduled in outgoing.OfType<ISendMyself>()) await scheduled.ApplyAsync(context);
            }
        var organiser = new Actor(ids["Olu Organiser"], ids["Olu Organiser"], [Roles.Member, Roles.Organiser],
            [new Grant(Guid.Empty, Roles.Organiser, GrantScopeKind.Branch, branchIds[0], null)]);
        var suspended = await bus.InvokeAsync<CommandResult>(new SuspendMember(ids[Suspended], SuspensionReason, organiser), cancellationToken);
        if (suspended.Id is null) throw Refused("suspension", suspended.Errors);

        // Applications waiting for a decision, sent today.
        for (var i = 0; i < Applicants.Length; i++)
        {
            var applied = await bus.InvokeAsync<ApplyForMembershipResult>(Application(
                Applicants[i].Given, Applicants[i].Family, $"applicant{i + 1}@demo.workerspower.org",
                i % 2 == 0 ? "Unite" : "UNISON", i % 3 == 0 ? "City hospital" : "Bus garage", [Interests[i % Interests.Length], Interests[(i + 2) % Interests.Length]], 10, i),
                cancellationToken);
            if (applied.Application is null) throw Refused("application", applied.Errors);
        }
    }

    /// <summary>The member applies two days before <paramref name="joined"/> and is approved then, by the module's handlers on a clock stopped at each moment.</summary>
    private static async Task<Guid> JoinAsync(IMembershipStore store, IMessageBus bus, Mailer mailer, IProgrammeRevisions programmes, DemoMember m, string email, Guid branchId, int seed,
        DateTimeOffset joined, CancellationToken ct)
    {
        Guid applicationId;
        await using (var session = store.LightweightSession())
        {
            var (applied, _) = await ApplyForMembershipHandler.Handle(
                Application(m.Given, m.Family, email, m.Union, m.Workplace, m.Interests, m.Monthly, seed), session, mailer, programmes, new DemoClock(joined.AddDays(-2)), ct);
            applicationId = applied.Application?.Id ?? throw Refused("application", applied.Errors);
            await session.SaveChangesAsync(ct);
        }
        await using (var session = store.LightweightSession())
        {
            var (approved, outgoing) = await ApproveMembershipApplicationHandler.Handle(
                new ApproveMembershipApplication(applicationId, branchId, Actor.Platform), session, mailer, new DemoClock(joined), ct);
            var memberId = approved.MemberId ?? throw Refused("approval", approved.Errors);
            await session.SaveChangesAsync(ct);
            // the other modules' copies of the member; the invitation mail and the arrears checks of that day are left out
            foreach (var joinedNews in outgoing.OfType<MemberJoined>()) await bus.PublishAsync(joinedNews);
            return memberId;
        }
    }

    /// <summary>
    /// The three demo accounts: a password set directly (no invitation mail went out), activated the day after joining,
    /// with grants of their roles from then on (ORGANISER on the member's own branch, the others organisation-wide).
    /// </summary>
    private static async Task ActivateAsync(IMembershipStore store, IPasswordHasher<Account> hasher, Guid memberId, string password, string[] roles,
        DateTimeOffset at, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var account = await session.Query<Account>().SingleAsync(a => a.MemberId == memberId, ct);
        account.PasswordHash = hasher.HashPassword(account, password);
        account.InvitationTokenHash = null;
        account.InvitationExpiresAt = null;
        account.ActivatedAt = at;
        account.Roles = [.. roles];
        session.Update(account);
        session.Events.Append(memberId, new AccountActivated(memberId, at));
        var branchId = (await session.LoadAsync<MemberProfile>(memberId, ct))!.BranchId;
        foreach (var granted in LegacyRoles.ToGrants(memberId, roles, branchId, [], at))
            session.Events.StartStream<RoleGrant>(granted.GrantId, granted with { Reason = "Demo data" });
        await session.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The member's payments: every month due today but the last <see cref="DemoMember.MonthsBehind"/>, the first on
    /// joining, then up to six months at a time, each recorded on its day by the module's handler.
    /// </summary>
    private static async Task PayAsync(IMembershipStore store, DemoMember m, Guid memberId, DateTimeOffset joined, DateTimeOffset now, CancellationToken ct)
    {
        var joinMonth = ContributionLedger.MonthOf(DateOnly.FromDateTime(joined.UtcDateTime));
        var covered = ContributionLedger.MonthsBetween(joinMonth, DateOnly.FromDateTime(now.UtcDateTime)) - m.MonthsBehind;
        var treasurer = new Actor(Actor.System, null, [Roles.Treasurer], [new Grant(Guid.Empty, Roles.Treasurer, GrantScopeKind.Organisation, null, null)]);
        for (var month = 0; month < covered;)
        {
            var months = month == 0 ? 1 : Math.Min(6, covered - month);
            var paidAt = month == 0 ? joined.AddHours(1) : new DateTimeOffset(joinMonth.AddMonths(month).AddDays(2).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
            await using var session = store.LightweightSession();
            var (paid, _) = await RecordContributionPaymentHandler.Handle(
                new RecordContributionPayment(memberId, new Money(m.Monthly * months, "GBP"), DateOnly.FromDateTime(paidAt.UtcDateTime),
                    $"SO {m.Family.ToUpperInvariant()} {month + 1}", treasurer),
                session, new DemoClock(paidAt), ct);
            if (paid.Id is null) throw Refused("payment", paid.Errors);
            await session.SaveChangesAsync(ct);
            month += months;
        }
    }

    private static ApplyForMembership Application(string given, string family, string email, string union, string workplace, string[] interests, decimal monthly, int seed) =>
        new(given, family, email, $"07700 900{seed:000}", $"N{seed % 20 + 1} {seed % 9 + 1}AB", union, workplace, interests,
            "I want to get organised where I work.", true, new Money(monthly, "GBP"), ContributionFrequency.Monthly, true);

    private static InvalidOperationException Refused(string what, IReadOnlyList<UserError> errors) =>
        new($"Demo {what} refused: " + string.Join("; ", errors.Select(e => e.Message)));

    private sealed record DemoMember(string Given, string Family, int Branch, int MonthsAgo, int MonthsBehind, string Union, string Workplace, string[] Interests, decimal Monthly)
    {
        public string Name => $"{Given} {Family}";
    }
}
