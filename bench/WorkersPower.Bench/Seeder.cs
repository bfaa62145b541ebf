using System.Diagnostics;
using System.Globalization;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Identity;
using Wolverine;
using WorkersPower.Campaigns;
using WorkersPower.Campaigns.Actions;
using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Campaigns.Members;
using WorkersPower.Content;
using WorkersPower.Content.Articles;
using WorkersPower.Content.Authors;
using WorkersPower.Membership;
using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Branches;
using WorkersPower.Membership.Contracts;
using WorkersPower.Membership.Members;
using WorkersPower.Membership.Members.Ledger;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Bench;

/// <summary>The sizes of the benchmark's data set.</summary>
internal sealed record SeedPlan(int Members, int Branches, int Campaigns, int ActionsPerCampaign, int SignUps, int Articles, int Accounts, int MailMembers = 0)
{
    public int Actions => Campaigns * ActionsPerCampaign;
    public int SignUpsPerAction => SignUps / Actions;
}

/// <summary>
/// Writes a realistic data set straight into the platform's stores, through the same Marten configuration
/// the host uses (so every inline projection runs as in production), and prints how fast each part went.
/// Also writes the files the load scenarios need: campaign slugs, and (member token, action) pairs for
/// sign-ups that do not exist yet.
/// </summary>
internal sealed class Seeder(IServiceProvider services, SeedPlan plan, string outputDirectory)
{
    private const int Parallelism = 4;
    private static readonly string[] Given = ["Sam", "Priya", "Tomasz", "Aisha", "Declan", "Mei", "Kwame", "Rosa", "Yusuf", "Hannah", "Omar", "Grace", "Luis", "Fatima", "Ivan", "Chloe"];
    private static readonly string[] Family = ["Smith", "Okafor", "Patel", "Nowak", "Rahman", "Byrne", "Chen", "Mensah", "Lopez", "Ali", "Schmidt", "Jones", "Khan", "Murphy", "Silva", "Taylor"];
    private static readonly string[] Interests = ["rank-and-file", "palestine", "anti-fascism", "publications", "students", "housing"];
    private static readonly string[] Causes = ["Rank-and-file", "Palestine solidarity", "Stop the far right", "Housing", "Pay", "Students"];

    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;
    private Guid[] memberIds = [];
    private Guid[] branchIds = [];
    private Guid[] campaignIds = [];

    public async Task RunAsync()
    {
        await Measure("members", SeedMembersAsync);
        await Measure("member copies", SeedMemberCopiesAsync);
        await Measure("accounts", SeedAccountsAsync);
        await Measure("campaigns", SeedCampaignsAsync);
        await Measure("actions and sign-ups", SeedActionsAsync);
        await Measure("articles", SeedArticlesAsync);
        if (plan.MailMembers > 0) await Measure("mail branch", SeedMailBranchAsync);
        await WriteSignUpPairsAsync();
        await Measure("subscription campaign", SeedSubscriptionCampaignAsync);
    }

    private static async Task Measure(string part, Func<Task<long>> seed)
    {
        var clock = Stopwatch.StartNew();
        var events = await seed();
        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SEED part=\"{part}\" events={events} seconds={clock.Elapsed.TotalSeconds:0.0} events_per_second={(events == 0 ? 0 : events / clock.Elapsed.TotalSeconds):0}"));
    }

    /// <summary>
    /// Writes <paramref name="count"/> items, <paramref name="batch"/> to a session, <see cref="Parallelism"/> sessions
    /// at once, taking the batches in the order of <paramref name="starts"/> (each batch's first item; by default in
    /// order). Batches stay small: a session's unit of work looks through its pending operations at every Store, so
    /// its CPU grows with the square of the batch (1,000 members or 100 actions to a session cost the seeder a fifth
    /// more CPU than 200 or 20).
    /// </summary>
    private static async Task<long> InBatches(int count, int batch, Func<IDocumentSession, int, int, long> write, IDocumentStore store, IEnumerable<int>? starts = null)
    {
        var total = 0L;
        starts ??= Enumerable.Range(0, (count + batch - 1) / batch).Select(b => b * batch);
        await Parallel.ForEachAsync(starts, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (from, ct) =>
        {
            await using var session = store.LightweightSession();
            var written = write(session, from, Math.Min(count, from + batch));
            await session.SaveChangesAsync(ct);
            Interlocked.Add(ref total, written);
        });
        return total;
    }

    private static string GivenOf(int i) => Given[i * 7 % Given.Length];
    private static string FamilyOf(int i) => Family[(i * 13 + i / 16) % Family.Length];

    private async Task<long> SeedMembersAsync()
    {
        var bus = services.GetRequiredService<IMessageBus>();
        var branches = new List<Guid>();
        for (var b = 0; b < plan.Branches; b++)
        {
            var result = await bus.InvokeAsync<CommandResult>(new CreateBranch($"Bench branch {b:000}", $"Region {b % 10}", Guid.Empty));
            branches.Add(result.Id!.Value);
        }
        branchIds = [.. branches];
        // the as-of scenario's branches (each holds Members / Branches members), by global id
        await File.WriteAllLinesAsync(Path.Combine(outputDirectory, "asof-branches.txt"), branchIds.Select(b => GlobalId.Encode("Branch", b)));
        memberIds = Enumerable.Range(0, plan.Members).Select(_ => Guid.CreateVersion7()).ToArray();
        var started = now.AddMonths(-6);
        return await InBatches(plan.Members, 200, (session, from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var g = GivenOf(i);
                var f = FamilyOf(i);
                session.Events.StartStream<MemberProfile>(memberIds[i], Joined(new MembershipStarted(memberIds[i], Guid.CreateVersion7(), branchIds[i % branchIds.Length], g, f,
                    $"{g.ToLowerInvariant()}.{f.ToLowerInvariant()}.{i}@bench.workerspower.org", "+44 20 7946 0000", $"E{i % 20} {i % 9}AB",
                    i % 3 == 0 ? "Unite" : null, null, [Interests[i % Interests.Length]], new Money(5 + i % 20, "GBP"), ContributionFrequency.Monthly,
                    Guid.Empty, started.AddMinutes(i))));
            }
            return (to - from) * JoinEvents;
        }, services.GetRequiredService<IMembershipStore>());
    }

    /// <summary>Campaigns' and Content's own copies of members, as the MemberJoined contract message would leave them.</summary>
    private async Task<long> SeedMemberCopiesAsync()
    {
        await InBatches(plan.Members, 500, (session, from, to) =>
        {
            for (var i = from; i < to; i++)
                session.Store(new CampaignMember { Id = memberIds[i], DisplayName = $"{GivenOf(i)} {FamilyOf(i)}", BranchId = branchIds[i % branchIds.Length], Standing = MemberStanding.Active });
            return 0;
        }, services.GetRequiredService<ICampaignsStore>());
        await using var content = services.GetRequiredService<IContentStore>().LightweightSession();
        for (var i = 0; i < Authors; i++) content.Store(new AuthorCopy { Id = memberIds[i], DisplayName = $"{GivenOf(i)} {FamilyOf(i)}" });
        await content.SaveChangesAsync();
        return 0;
    }

    private int Authors => Math.Min(200, plan.Members);

    /// <summary>Accounts for the first members, so the sign-up scenario can act as many different members.</summary>
    private async Task<long> SeedAccountsAsync()
    {
        var hash = new PasswordHasher<Account>().HashPassword(new Account(), "bench member passphrase 2026");
        await using var session = services.GetRequiredService<IMembershipStore>().LightweightSession();
        for (var i = 0; i < plan.Accounts; i++)
        {
            session.Store(new Account
            {
                Id = Guid.CreateVersion7(), MemberId = memberIds[i], Email = $"{GivenOf(i).ToLowerInvariant()}.{FamilyOf(i).ToLowerInvariant()}.{i}@bench.workerspower.org",
                PasswordHash = hash, Roles = [Roles.Member], CreatedAt = now, ActivatedAt = now,
            });
        }
        await session.SaveChangesAsync();
        return 0;
    }

    /// <summary>
    /// The organisers' message scenario's branch: <see cref="SeedPlan.MailMembers"/> members who accept email (the
    /// default), each with an address of their own; its global id goes to mail-branch.txt.
    /// </summary>
    private async Task<long> SeedMailBranchAsync()
    {
        var result = await services.GetRequiredService<IMessageBus>().InvokeAsync<CommandResult>(new CreateBranch("Bench mail branch", "Region 0", Guid.Empty));
        var branch = result.Id!.Value;
        var ids = Enumerable.Range(0, plan.MailMembers).Select(_ => Guid.CreateVersion7()).ToArray();
        var events = await InBatches(plan.MailMembers, 1000, (session, from, to) =>
        {
            for (var i = from; i < to; i++)
                session.Events.StartStream<MemberProfile>(ids[i], Joined(new MembershipStarted(ids[i], Guid.CreateVersion7(), branch, GivenOf(i), FamilyOf(i),
                    $"mail.{i}@bench.workerspower.org", null, "E1 6AN", null, null, [], new Money(5, "GBP"), ContributionFrequency.Monthly, Guid.Empty, now.AddMonths(-1))));
            return (to - from) * JoinEvents;
        }, services.GetRequiredService<IMembershipStore>());
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "mail-branch.txt"), GlobalId.Encode("Branch", branch));
        return events;
    }

    /// <summary>
    /// A member's first events as an approval writes them: the membership and the join form's consents (contact, and email
    /// for a new member) in the ledger, so that no start of the host takes the members for ones who joined before the ledger.
    /// </summary>
    private static object[] Joined(MembershipStarted started) =>
        [started, .. ConsentRules.FromJoinForm(started.MemberId, newMember: true, started.StartedAt)];

    private const int JoinEvents = 3;

    private static string SlugOf(int c) => $"bench-campaign-{c:0000}";

    private async Task<long> SeedCampaignsAsync()
    {
        campaignIds = Enumerable.Range(0, plan.Campaigns).Select(_ => Guid.CreateVersion7()).ToArray();
        var events = await InBatches(plan.Campaigns, 250, (session, from, to) =>
        {
            for (var c = from; c < to; c++)
                session.Events.StartStream<Campaign>(campaignIds[c], new CampaignLaunched(campaignIds[c], SlugOf(c), $"{Causes[c % Causes.Length]} campaign {c}",
                    "A benchmark campaign: organising in workplaces and communities, with pickets, meetings and stalls.", 500 + c % 1000, Guid.Empty, null, now.AddDays(-30).AddMinutes(c)));
            return to - from;
        }, services.GetRequiredService<ICampaignsStore>());
        await File.WriteAllLinesAsync(Path.Combine(outputDirectory, "campaign-slugs.txt"), Enumerable.Range(0, plan.Campaigns).Select(SlugOf));
        return events;
    }

    /// <summary>The members signed up for action <paramref name="a"/> at seeding time: distinct within an action.</summary>
    private int SeededMember(int a, int j) => (int)((a * 37L + j * 4001L) % plan.Members);

    private Guid[] actionIds = [];

    private async Task<long> SeedActionsAsync()
    {
        var kinds = Enum.GetValues<ActionKind>();
        actionIds = Enumerable.Range(0, plan.Actions).Select(_ => Guid.CreateVersion7()).ToArray();
        var perAction = plan.SignUpsPerAction;
        // Every sign-up updates its campaign's progress row (the inline projection): a session holds ActionsPerSession
        // actions of one campaign, and the sessions written at the same moment hold different campaigns, so none waits
        // on another's row. At a fifth of the data set: 27 s, against 37 s with 100 actions to a session in order;
        // 1 or 10 actions to a session were slower (bench/analysis/00-summary.md).
        const int ActionsPerSession = 5;
        var rounds = (plan.ActionsPerCampaign + ActionsPerSession - 1) / ActionsPerSession;
        var starts = Enumerable.Range(0, rounds).SelectMany(r => Enumerable.Range(0, plan.Campaigns).Select(c => c * plan.ActionsPerCampaign + r * ActionsPerSession));
        var events = await InBatches(plan.Actions, ActionsPerSession, (session, from, to) =>
        {
            var written = 0L;
            for (var a = from; a < Math.Min(to, (from / plan.ActionsPerCampaign + 1) * plan.ActionsPerCampaign); a++)
            {
                var campaign = campaignIds[a / plan.ActionsPerCampaign];
                var startsAt = now.AddDays(1 + a % plan.ActionsPerCampaign * 7 + a % 5).AddHours(a % 10);
                var stream = new List<object>(perAction + 1)
                {
                    new ActionScheduled(actionIds[a], campaign, kinds[a % kinds.Length], $"{kinds[a % kinds.Length]} {a}", startsAt, startsAt.AddHours(2),
                        $"Outside the gates, site {a % 500}", a % 4 == 0 ? perAction + 40 : null, branchIds[a % branchIds.Length], Guid.Empty, now.AddDays(-20)),
                };
                for (var j = 0; j < perAction; j++)
                    stream.Add(new SignedUpForAction(actionIds[a], campaign, memberIds[SeededMember(a, j)], now.AddDays(-19).AddMinutes(j)));
                session.Events.StartStream<CampaignAction>(actionIds[a], [.. stream]);
                written += stream.Count;
            }
            return written;
        }, services.GetRequiredService<ICampaignsStore>());

        return events;
    }

    /// <summary>(token, action) pairs for the sign-up scenario: members with accounts, actions they are not signed up for (not timed).</summary>
    private async Task WriteSignUpPairsAsync()
    {
        var perAction = plan.SignUpsPerAction;
        var issuer = services.GetRequiredService<TokenIssuer>();
        await using var query = services.GetRequiredService<IMembershipStore>().QuerySession();
        var accounts = await query.Query<Account>().Where(x => x.MemberId != null).ToListAsync();
        var chosen = new HashSet<(int Action, int Member)>();
        var memberIndex = memberIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var pairs = new StringBuilder();
        var written = 0;
        for (var round = 0; written < 60_000 && round < plan.Actions; round++)
        {
            foreach (var account in accounts)
            {
                var m = memberIndex[account.MemberId!.Value];
                var a = (m * 7919 + round * 104729) % plan.Actions;
                if (Enumerable.Range(0, perAction).Any(j => SeededMember(a, j) == m) || !chosen.Add((a, m))) continue;
                pairs.Append(TokenFor(account)).Append('\t').Append(GlobalId.Encode("CampaignAction", actionIds[a])).Append('\n');
                written++;
            }
        }
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "signup-pairs.tsv"), pairs.ToString());

        // The sign-up baseline's own lines "actionId/memberId": pairs neither seeded nor in signup-pairs.tsv, on
        // actions without a capacity (so they never fill the places scenario 4 counts on), any member.
        var baseline = new StringBuilder();
        var baselineWritten = 0;
        for (var round = 0; baselineWritten < 60_000 && round < plan.Actions; round++)
            for (var m = 0; m < memberIds.Length && baselineWritten < 60_000; m++)
            {
                var a = (int)((m * 6151L + round * 99991L + 1) % plan.Actions);
                if (a % 4 == 0 || Enumerable.Range(0, perAction).Any(j => SeededMember(a, j) == m) || !chosen.Add((a, m))) continue;
                baseline.Append(actionIds[a]).Append('/').Append(memberIds[m]).Append('\n');
                baselineWritten++;
            }
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "signup-baseline-pairs.txt"), baseline.ToString());

        string TokenFor(Account account) => tokens.TryGetValue(account.Id, out var t) ? t
            : tokens[account.Id] = issuer.Issue(account.Id, account.MemberId, account.Roles, account.TokenVersion).AccessToken;
    }

    private readonly Dictionary<Guid, string> tokens = [];

    /// <summary>Actions of the subscription scenario's campaign.</summary>
    private const int SubscriptionActions = 20;

    /// <summary>
    /// The subscription scenario's campaign: one campaign of its own (slug bench-subscriptions, not in
    /// campaign-slugs.txt) with <see cref="SubscriptionActions"/> upcoming actions without a capacity and no sign-ups,
    /// so its sign-ups never meet the sign-up scenario's pairs. Writes its global id to subscription-campaign.txt
    /// and (member token, action) pairs for it, every account once per action, to subscription-pairs.tsv.
    /// </summary>
    private async Task<long> SeedSubscriptionCampaignAsync()
    {
        var campaign = Guid.CreateVersion7();
        var actions = Enumerable.Range(0, SubscriptionActions).Select(_ => Guid.CreateVersion7()).ToArray();
        var store = services.GetRequiredService<ICampaignsStore>();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<Campaign>(campaign, new CampaignLaunched(campaign, "bench-subscriptions", "Subscription benchmark campaign",
                "The subscription scenario's campaign: its progress is watched live while members sign up.", 1_000_000, Guid.Empty, null, now.AddDays(-30)));
            var kinds = Enum.GetValues<ActionKind>();
            for (var a = 0; a < actions.Length; a++)
            {
                var startsAt = now.AddDays(2 + a);
                session.Events.StartStream<CampaignAction>(actions[a], new ActionScheduled(actions[a], campaign, kinds[a % kinds.Length], $"Subscription action {a}",
                    startsAt, startsAt.AddHours(2), "Outside the gates", null, branchIds[a % branchIds.Length], Guid.Empty, now.AddDays(-20)));
            }
            await session.SaveChangesAsync();
        }
        var issuer = services.GetRequiredService<TokenIssuer>();
        await using var query = services.GetRequiredService<IMembershipStore>().QuerySession();
        var accounts = await query.Query<Account>().Where(x => x.MemberId != null).ToListAsync();
        // Line n: action n mod A, so sign-ups in a row go to different actions (one action's sign-ups queue behind
        // each other), and account (n div A + a share of the accounts per action): each (account, action) once.
        var pairs = new StringBuilder();
        for (var n = 0; n < accounts.Count * actions.Length; n++)
        {
            var a = n % actions.Length;
            var account = accounts[(n / actions.Length + a * accounts.Count / actions.Length) % accounts.Count];
            var token = tokens.TryGetValue(account.Id, out var t) ? t
                : tokens[account.Id] = issuer.Issue(account.Id, account.MemberId, account.Roles, account.TokenVersion).AccessToken;
            pairs.Append(token).Append('\t').Append(GlobalId.Encode("CampaignAction", actions[a])).Append('\n');
        }
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "subscription-pairs.tsv"), pairs.ToString());
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "subscription-campaign.txt"), GlobalId.Encode("Campaign", campaign));
        return 1 + actions.Length;
    }

    private async Task<long> SeedArticlesAsync()
    {
        string[] tags = ["strikes", "palestine", "anti-fascism", "housing", "nhs", "students", "theory", "history"];
        var body = string.Join("\n\n", Enumerable.Range(0, 12).Select(p =>
            $"Paragraph {p}: workers in every sector face the same choice: organise from below or accept what the bosses offer. " +
            "Rank-and-file committees, solidarity with Palestine and mass opposition to the far right are part of one fight."));
        return await InBatches(plan.Articles, 250, (session, from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var id = Guid.CreateVersion7();
                var at = now.AddDays(-plan.Articles / 10.0).AddMinutes(i * 14);
                var content = new ArticleContent($"Bench article {i}: {Causes[i % Causes.Length]} and the fight ahead", $"Summary of article {i}.",
                    body, [tags[i % tags.Length], tags[(i + 3) % tags.Length]], i % 5 == 0 ? Visibility.Members : Visibility.Public);
                session.Events.StartStream<Article>(id,
                    new ArticleDrafted(id, ArticleKind.Article, $"bench-article-{i:00000}", content, i % 7 == 0 ? campaignIds[i % campaignIds.Length] : null,
                        memberIds[i % Authors], Guid.Empty, at),
                    new ArticlePublished(id, Guid.Empty, at.AddMinutes(5)));
            }
            return (to - from) * 2L;
        }, services.GetRequiredService<IContentStore>());
    }
}
