using WorkersPower.Campaigns.Contracts;

namespace WorkersPower.Content.Demo;

/// <summary>
/// Articles published over the past six months by demo members, with tags, several of them for a campaign; one for
/// members only and one draft; and the standing pages: the programme and about us. Loaded once by build/run.sh,
/// after the campaigns.
/// </summary>
/// <remarks>
/// Each article is drafted and published by the module's own handlers, in a session of its own, on a
/// <see cref="DemoClock"/> stopped at its day, so the lists and the feed show real dates.
/// </remarks>
internal sealed class ContentDemoData : IDemoData
{
    public int Order => 30;

    public async Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IContentStore>();
        await using (var check = store.QuerySession())
            if (await check.Query<Article>().AnyAsync(cancellationToken)) return;
        var campaigns = services.GetRequiredService<ICampaignDirectory>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var authors = await AuthorsAsync(store, cancellationToken);
        Caller EditorAs(string author) => authors.TryGetValue(author, out var id) ? new Caller(id, id, [Roles.Member, Roles.Editor]) : new Caller(Guid.Empty, null, [Roles.Editor]);

        foreach (var (slug, title, body) in Pages)
            await RunAsync(store, "page", session => SavePageHandler.Handle(new SavePage(slug, title, body, null, EditorAs("Ada Admin")),
                session, new DemoClock(today.AddDays(-200).AddHours(10)), cancellationToken), cancellationToken);

        foreach (var a in Articles)
        {
            var campaignId = a.Campaign is { } campaignSlug
                ? await campaigns.FindIdAsync(campaignSlug, cancellationToken) ?? throw new InvalidOperationException($"Demo article: no campaign '{campaignSlug}'.")
                : (Guid?)null;
            var published = today.AddDays(-a.DaysAgo).AddHours(8 + a.DaysAgo % 9);
            var editor = EditorAs(a.Author);
            var id = await RunAsync(store, "article", session => DraftArticleHandler.Handle(new DraftArticle(a.Title, a.Body, a.Summary, a.Tags, a.Visibility, campaignId, null, editor),
                session, campaigns, new DemoClock(published.AddDays(-2)), cancellationToken), cancellationToken);
            if (a.Publish)
                await RunAsync(store, "publication", session => PublishArticleHandler.Handle(new PublishArticle(id, editor), session, new DemoClock(published), cancellationToken), cancellationToken);
        }
    }

    /// <summary>Runs one of the module's handlers in a session of its own and commits; a refusal stops the load, naming <paramref name="what"/>.</summary>
    private static async Task<Guid> RunAsync(IContentStore store, string what, Func<IDocumentSession, Task<CommandResult>> handle, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var result = await handle(session);
        var id = result.Id ?? throw new InvalidOperationException($"Demo {what} refused: " + string.Join("; ", result.Errors.Select(e => e.Message)));
        await session.SaveChangesAsync(ct);
        return id;
    }

    /// <summary>Content's copies of the demo members' names (their bylines), which Membership's news brought; waited for a few seconds at most.</summary>
    private static async Task<Dictionary<string, Guid>> AuthorsAsync(IContentStore store, CancellationToken ct)
    {
        var wanted = Articles.Select(a => a.Author).Append("Ada Admin").ToHashSet();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var session = store.QuerySession();
            var found = (await session.Query<AuthorCopy>().ToListAsync(ct)).Where(a => wanted.Contains(a.DisplayName))
                .GroupBy(a => a.DisplayName).ToDictionary(g => g.Key, g => g.First().Id);
            if (found.Count == wanted.Count || DateTime.UtcNow > deadline) return found;
            await Task.Delay(300, ct);
        }
    }

    private sealed record DemoArticle(
        int DaysAgo, string Author, string Title, string Summary, string Body, string[] Tags, string? Campaign = null,
        Visibility Visibility = Visibility.Public, bool Publish = true);

    /// <summary>The standing pages (slug, title, Markdown).</summary>
    private static readonly (string Slug, string Title, string Body)[] Pages =
    [
        ("programme", "Our programme",
            """
            Capitalism cannot be reformed into something fair. It lives on the exploitation of the many by the few, and it is
            driving the planet into crisis. We fight to replace it with international socialism: an economy owned in common and
            planned democratically, for the needs of people and planet rather than the profits of a handful. Our aim is
            communism, a classless society without exploitation, oppression or war.

            ## In the unions: rank-and-file control

            The unions are the workers' own organisations, yet unelected officials run them and settle for what the employers
            offer. We build rank-and-file committees in every workplace, accountable to the members, and fight for unions
            controlled from below: officials elected, recallable and paid a worker's wage, and workers' control of production.

            ## Against oppression

            We oppose discrimination of every kind: by race, age, disability, sex or sexuality. We oppose all immigration
            controls, and we defend every community under racist attack by the state or the far right.

            ## Against imperialism

            We stand with everyone fighting imperialism and national oppression, from Palestine to Ireland, and argue for
            socialist leadership of those struggles. British troops out of every foreign base; Britain out of NATO.

            ## Against the far right

            Where fascists and the far right organise, we organise the labour movement and the communities they target to
            outnumber and stop them, and we answer their lies in the workplaces and on the estates.

            ## Workers' power

            The rich will not let their wealth be voted away. The working class needs organisations of its own that can fight
            and win: workplace committees, industrial unions, councils of action, and the means to defend itself. Built in
            struggle, they can become the basis of a workers' government.

            ## An international

            Capital is organised across the world, and so must we be. We are the British section of the League for the Fifth
            International, which fights for a new world party of socialist revolution.

            ## Joining

            Members accept this programme, pay a regular contribution, and take part in the work of the organisation.
            """),
        ("about", "About Workers Power",
            """
            Workers Power is a revolutionary communist organisation. Our members are trade unionists, students, tenants and
            activists who want more than protest: they want to win, and to change the society that makes protest necessary.

            ## What we do

            - **Rank-and-file organising.** We help build committees in the workplaces and unions that answer to the members,
              not to the officials: bulletins on every shift, strike funds, and the confidence to act.
            - **Workers' action for Palestine.** We argue in every union for workplace action against the arms trade, and we
              march with a union bloc on every national demonstration.
            - **Stopping the far right.** Wherever the far right marches, we mobilise the unions and the communities they target
              to outnumber them.

            ## How we are organised

            Members meet in local branches, which plan the work and elect their organisers. The whole organisation decides its
            policy at conferences of delegates, and a newspaper and website carry our analysis and reports.

            ## Join us

            If you agree with our programme, join us. Members accept the programme, pay a regular contribution they can
            afford, and take part in the work of a branch. Apply with the join form: an organiser will be in touch within a week.
            """),
    ];

    private static readonly DemoArticle[] Articles =
    [
        new(170, "Olu Organiser", "Why we build rank-and-file committees",
            "Officials negotiate; committees organise. The lesson of the last strike wave is that workers who run their own disputes win more.",
            """
            The last strike wave taught a simple lesson: where the members ran their own dispute, they won more, and they won
            it faster. Where the officials kept control, deals were struck behind closed doors and sold to us as victories.

            ## What a committee does

            A depot committee is not a talking shop. It meets every week, it puts out a bulletin on every shift, it keeps a
            strike fund, and above all it reports back to the people who elected it.

            ## Where to start

            Start with five people you trust. Find out what your workmates are angry about. Put it in writing, and put it out.
            Then call a meeting, and let the shop floor decide.
            """, ["rank-and-file", "unions", "organising"], "rank-and-file"),
        new(150, "Priya Patel", "Stop arming the occupation: what workers can do",
            "Dockers, logistics workers and engineers have shown that the arms trade runs through our workplaces, and can be stopped there.",
            """
            Every shell fired on Gaza was made, moved and loaded by workers somewhere. That is a weakness of the arms trade,
            and a strength of ours.

            Across Europe, dockers have refused to load weapons bound for Israel. In Britain, union branches have passed motions
            for the same. Motions are a start; action is what counts.

            **What you can do this month:**

            1. Move a motion in your branch for workplace action against the arms trade.
            2. Find out what your employer makes, moves or sells to the Israeli state.
            3. Bring your banner to the union bloc on the next national march.
            """, ["palestine", "arms-trade", "unions"], "palestine"),
        new(128, "Aisha Rahman", "Teachers vote to strike: what next for the NEU?",
            "A big yes vote on a good turnout. Now the members must keep control of the dispute.",
            """
            Nine in ten teachers who voted said yes to strike action, on a turnout that clears the anti-union laws with room
            to spare. The question now is who runs the dispute.

            The union's leaders have a habit of calling off action at the first sign of an offer. Every school group should
            elect a rep to a strike committee, and no offer should be accepted without a vote of the members.
            """, ["unions", "education", "strikes"]),
        new(110, "Aisha Rahman", "No to immigration controls",
            "Borders divide workers and strengthen the bosses. Our answer to the politicians' race to the bottom.",
            """
            Every party in Parliament competes to sound tougher on migrants. Every time, the result is the same: more raids,
            more detention, more people too frightened to join a union or report a dangerous employer.

            Immigration controls do not protect wages; organised workers do. We are for the right of everyone to live and work
            here, and for every union to organise migrant workers on equal terms.
            """, ["anti-racism", "migrants", "unions"]),
        new(96, "Joe Murphy", "Britain out of NATO: no to the war budget",
            "Billions more for weapons while hospitals crumble. Whose security is this?",
            """
            The government has found billions for the war budget and nothing for the nurses, the teachers or the council
            workers. That is a choice, and it tells you whose interests the state defends.

            NATO is not a defensive club but an alliance of the richest powers. We say: Britain out of NATO, and not a penny
            for their wars.
            """, ["imperialism", "nato", "war"]),
        new(91, "Mei Chen", "Three hundred trade unionists march for Palestine",
            "Our union bloc on the national march was the biggest yet, and six branches asked for a workplace meeting.",
            """
            More than three hundred trade unionists marched behind the union bloc on Saturday's national demonstration for
            Palestine, with banners from health, transport, education and the civil service.

            Members of six union branches asked us to help organise a workplace meeting on the arms trade. That is the real
            measure of a march: what it builds for the next step.
            """, ["palestine", "demonstrations", "unions"], "palestine"),
        new(75, "Ada Admin", "The far right feeds on the cost-of-living crisis",
            "When wages fall and rents rise, the far right blames migrants. We blame the bosses and the landlords, and we organise.",
            """
            Rents up, wages down, services cut: the cost-of-living crisis is the ground the far right grows in. They offer a
            scapegoat, and a frightened section of working people listens.

            The answer is not to meet them halfway on migration, as the mainstream parties do. It is to fight for what working
            people need: pay rises that beat inflation, rent controls, and council homes, and to mobilise the unions to stop the
            far right whenever it takes to the streets.
            """, ["anti-fascism", "cost-of-living"], "stop-the-far-right"),
        new(60, "Sam Okafor", "Holloway engineers win after two-hour stoppage",
            "The early shift refused to take the buses out, and the company came back to the table the next day.",
            """
            When the engineers at Holloway garage walked out over a victimised rep, the drivers on the early shift refused to
            take the buses out past the picket line. Within two hours the garage was at a standstill.

            The company reopened talks the next day and the rep is back at work. It happened because the depot committee had
            spent months building trust between drivers and engineers. That is what rank-and-file organisation is for.
            """, ["rank-and-file", "strikes", "transport"], "rank-and-file"),
        new(43, "Kwame Mensah", "They shall not pass: Glasgow outnumbers the far right",
            "Twelve hundred people, fourteen union banners, and a far-right rally that never got going.",
            """
            The far right promised a show of strength in George Square. What they got was twelve hundred people, fourteen union
            banners and a square they could not hold.

            The lesson is the one our movement keeps having to learn: the far right is stopped by numbers and organisation, not
            by asking the police to ban them. Next stop: Manchester.
            """, ["anti-fascism", "glasgow", "demonstrations"], "stop-the-far-right"),
        new(40, "Rosa Lopez", "Dockers, the arms trade and the power to say no",
            "From Genoa to Bristol: a short history of workers who refused to handle weapons of war.",
            """
            In 1973 Scottish engineers refused to service engines for the Chilean junta's air force. In recent years dockers in
            Genoa, Barcelona and Oakland have refused to load arms for wars they opposed.

            Every one of those refusals began with a few workers who talked to their workmates and decided together. The ports
            are still full of arms shipments, and of workers who could say no.
            """, ["palestine", "arms-trade", "history"], "palestine"),
        new(20, "Ada Admin", "What is workers' power?",
            "Not a slogan but a programme: committees, councils and a government of the working class.",
            """
            Every strike raises a question: who decides? For a few days the workers decide what moves, what is made and who
            crosses the line. Workers' power is that question answered for the whole of society.

            It means workplace committees that control production, councils of action that unite the struggles of a town or a
            region, and a workers' government resting on them, not on Parliament, the courts or the army.
            """, ["theory", "socialism"]),
        new(5, "Olu Organiser", "The pay offer is an insult: reject it",
            "A below-inflation offer with strings attached. The depot committees call for a no vote and a ballot for action.",
            """
            The company's offer is below inflation, and it comes with new rosters that would make the early shift even longer.
            The officials call it the best that can be achieved. It is not.

            The depot committees are calling for a **no** vote and for a ballot for strike action. Come to the committee meeting
            this week to plan the campaign in every garage.
            """, ["rank-and-file", "pay", "transport"], "rank-and-file"),
        new(2, "Olu Organiser", "Branch organisers' briefing: the month ahead",
            "For members: this month's priorities, branch by branch.",
            """
            1. **Depot committees**: the no-vote campaign on the pay offer, a bulletin in every garage.
            2. **Palestine**: the Saturday stall and the workplace meeting at the docks; the union bloc on the national demonstration.
            3. **The far right**: the organising meeting in Manchester, then the counter-protest.
            4. **Contributions**: organisers, please speak to members in arrears before the month ends.
            """, ["internal"], Visibility: Visibility.Members),
        new(1, "Ada Admin", "The council elections and the far right",
            "A draft for the editorial board.",
            "Work in progress: how the far right is standing candidates in the council elections, and how we answer them.",
            ["anti-fascism", "elections"], Publish: false),
    ];
}
