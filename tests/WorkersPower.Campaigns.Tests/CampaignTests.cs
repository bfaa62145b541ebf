using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

public sealed class CampaignTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    [Fact]
    public async Task An_organiser_launches_a_campaign_with_a_slug_made_from_the_title()
    {
        var organiser = await fixture.OrganiserAsync();
        var first = await fixture.Client.PostAsync(CampaignsApi.Launch, new { input = new { title = "Stop the Deportations!", summary = "Solidarity.", goal = 50 } }, organiser.Token);
        first.UserErrors("launchCampaign").ShouldBeEmpty();
        first["launchCampaign.campaign.slug"]!.GetValue<string>().ShouldBe("stop-the-deportations");
        var second = await fixture.Client.PostAsync(CampaignsApi.Launch, new { input = new { title = "Stop the deportations", summary = "Again." } }, organiser.Token);
        second["launchCampaign.campaign.slug"]!.GetValue<string>().ShouldBe("stop-the-deportations-2");

        var taken = await fixture.Client.PostAsync(CampaignsApi.Launch, new { input = new { title = "Another", summary = "x", slug = "stop-the-deportations" } }, organiser.Token);
        taken.UserErrors("launchCampaign").Single().Code.ShouldBe("ALREADY_EXISTS");
        var bad = await fixture.Client.PostAsync(CampaignsApi.Launch, new { input = new { title = "No", summary = "", slug = "Bad Slug", goal = 0 - 5 } }, organiser.Token);
        bad.UserErrors("launchCampaign").Select(e => e.Field).ShouldBe(["input.title", "input.summary", "input.goal", "input.slug"], ignoreOrder: true);

        var page = await fixture.Client.DataAsync("query($slug: String!) { campaign(slug: $slug) { title goal status organisers { displayName } } }", new { slug = "stop-the-deportations" });
        page["campaign"]!["title"]!.GetValue<string>().ShouldBe("Stop the Deportations!");
        page["campaign"]!["organisers"]![0]!["displayName"]!.GetValue<string>().ShouldBe("Rosa Worker");
        (await fixture.Client.DataAsync("{ campaign(slug: \"nothing-here\") { id } }"))["campaign"].ShouldBeNull();
    }

    [Fact]
    public async Task Members_cannot_launch_campaigns()
    {
        var member = await fixture.MemberAsync();
        (await fixture.Client.PostAsync(CampaignsApi.Launch, new { input = new { title = "Mine", summary = "x" } }, member.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.Client.PostAsync(CampaignsApi.Launch, new { input = new { title = "Mine", summary = "x" } })).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
    }

    [Fact]
    public async Task Campaigns_conclude_and_reopen_and_the_public_list_shows_active_ones()
    {
        var organiser = await fixture.OrganiserAsync();
        var (id, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        const string Conclude = "mutation($input: CampaignIdInput!) { concludeCampaign(input: $input) { campaign { status } errors { code } } }";
        const string Reopen = "mutation($input: CampaignIdInput!) { reopenCampaign(input: $input) { campaign { status } errors { code } } }";
        (await fixture.Client.PostAsync(Reopen, new { input = new { campaignId = id } }, organiser.Token)).UserErrors("reopenCampaign").Single().Code.ShouldBe("INVALID_STATE");
        var concluded = await fixture.Client.PostAsync(Conclude, new { input = new { campaignId = id } }, organiser.Token);
        concluded["concludeCampaign.campaign.status"]!.GetValue<string>().ShouldBe("CONCLUDED");
        (await fixture.Client.PostAsync(Conclude, new { input = new { campaignId = id } }, organiser.Token)).UserErrors("concludeCampaign").Single().Code.ShouldBe("INVALID_STATE");

        var active = await fixture.Client.DataAsync("{ campaigns(first: 100) { nodes { slug } } }");
        active["campaigns"]!["nodes"]!.AsArray().ShouldNotContain(n => n!["slug"]!.GetValue<string>() == slug);
        var over = await fixture.Client.DataAsync("{ campaigns(status: CONCLUDED, first: 100) { nodes { slug } } }");
        over["campaigns"]!["nodes"]!.AsArray().ShouldContain(n => n!["slug"]!.GetValue<string>() == slug);

        var scheduled = await fixture.Client.PostAsync(CampaignsApi.Schedule, new { input = new { campaignId = id, kind = "MEETING", startsAt = DateTimeOffset.UtcNow.AddDays(2), endsAt = DateTimeOffset.UtcNow.AddDays(2).AddHours(1), location = "Hall" } }, organiser.Token);
        scheduled.UserErrors("scheduleAction").Single().Code.ShouldBe("INVALID_STATE");
        (await fixture.Client.PostAsync(Reopen, new { input = new { campaignId = id } }, organiser.Token))["reopenCampaign.campaign.status"]!.GetValue<string>().ShouldBe("ACTIVE");
    }

    [Fact]
    public async Task Campaigns_page_newest_first()
    {
        var organiser = await fixture.OrganiserAsync();
        var slugs = new List<string>();
        for (var i = 0; i < 3; i++) slugs.Add((await CampaignsApi.LaunchAsync(fixture, organiser.Token)).Slug);
        var first = await fixture.Client.DataAsync("{ campaigns(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { slug } } }");
        first["campaigns"]!["nodes"]!.AsArray().Select(n => n!["slug"]!.GetValue<string>()).ShouldBe([slugs[2], slugs[1]]);
        var after = first["campaigns"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        var second = await fixture.Client.DataAsync("query($after: String) { campaigns(first: 1, after: $after) { nodes { slug } } }", new { after });
        second["campaigns"]!["nodes"]![0]!["slug"]!.GetValue<string>().ShouldBe(slugs[0]);
    }

    [Fact]
    public async Task Scheduling_checks_times_and_place()
    {
        var organiser = await fixture.OrganiserAsync();
        var (id, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var now = fixture.Clock.GetUtcNow();
        var response = await fixture.Client.PostAsync(CampaignsApi.Schedule, new { input = new { campaignId = id, kind = "STALL", startsAt = now.AddHours(-1), endsAt = now.AddHours(-2), location = " ", capacity = 0 } }, organiser.Token);
        response.UserErrors("scheduleAction").Select(e => e.Field).ShouldBe(["input.startsAt", "input.endsAt", "input.location", "input.capacity"], ignoreOrder: true);
        var member = await fixture.MemberAsync();
        (await fixture.Client.PostAsync(CampaignsApi.Schedule, new { input = new { campaignId = id, kind = "STALL", startsAt = now.AddDays(1), endsAt = now.AddDays(1).AddHours(1), location = "x" } }, member.Token))
            .ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }
}

public sealed class ActionListTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    [Fact]
    public async Task Campaigns_are_updated_with_a_stable_slug()
    {
        var organiser = await fixture.OrganiserAsync();
        var (id, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token, "Original title");
        const string Update = "mutation($input: UpdateCampaignInput!) { updateCampaign(input: $input) { campaign { slug title summary goal } errors { code field } } }";
        var updated = await fixture.Client.PostAsync(Update, new { input = new { campaignId = id, title = "Better title", goal = 0 } }, organiser.Token);
        updated.UserErrors("updateCampaign").ShouldBeEmpty();
        updated["updateCampaign.campaign.slug"]!.GetValue<string>().ShouldBe(slug);
        updated["updateCampaign.campaign.title"]!.GetValue<string>().ShouldBe("Better title");
        updated["updateCampaign.campaign.summary"]!.GetValue<string>().ShouldBe("Why we fight.");
        updated["updateCampaign.campaign.goal"].ShouldBeNull();
        var bad = await fixture.Client.PostAsync(Update, new { input = new { campaignId = id, title = "x" } }, organiser.Token);
        bad.UserErrors("updateCampaign").Single().Field.ShouldBe("input.title");
        var unknown = await fixture.Client.PostAsync(Update, new { input = new { campaignId = Platform.GlobalId.Encode("Campaign", Guid.NewGuid()), title = "Fine title" } }, organiser.Token);
        unknown.UserErrors("updateCampaign").Single().Code.ShouldBe("NOT_FOUND");
    }

    [Fact]
    public async Task Upcoming_actions_are_soonest_first_per_branch_and_rescheduling_moves_them()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync());
        var now = fixture.Clock.GetUtcNow();
        var later = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: now.AddDays(4), branchId: branch);
        var sooner = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: now.AddDays(2), branchId: branch);
        await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: now.AddDays(1));
        const string Upcoming = "query($b: ID) { upcomingActions(branchId: $b, first: 10) { totalCount nodes { id startsAt } } }";
        var list = await fixture.Client.DataAsync(Upcoming, new { b = branch });
        list["upcomingActions"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldBe([sooner, later]);

        const string Reschedule = "mutation($input: RescheduleActionInput!) { rescheduleAction(input: $input) { action { startsAt location } errors { code field } } }";
        var moved = await fixture.Client.PostAsync(Reschedule, new { input = new { actionId = later, startsAt = now.AddDays(1).AddHours(1), endsAt = now.AddDays(1).AddHours(3), location = "New hall" } }, organiser.Token);
        moved.UserErrors("rescheduleAction").ShouldBeEmpty();
        moved["rescheduleAction.action.location"]!.GetValue<string>().ShouldBe("New hall");
        list = await fixture.Client.DataAsync(Upcoming, new { b = branch });
        list["upcomingActions"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldBe([later, sooner]);
        var backwards = await fixture.Client.PostAsync(Reschedule, new { input = new { actionId = later, startsAt = now.AddDays(3), endsAt = now.AddDays(2) } }, organiser.Token);
        backwards.UserErrors("rescheduleAction").Single().Field.ShouldBe("input.endsAt");
        var member = await fixture.MemberAsync();
        (await fixture.Client.PostAsync(Reschedule, new { input = new { actionId = later, startsAt = now.AddDays(3), endsAt = now.AddDays(3).AddHours(1) } }, member.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }
}

public sealed class BackwardPagingTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    private const string Actions = "query($slug: String!, $first: Int, $after: String, $last: Int, $before: String) { campaign(slug: $slug) { actions(first: $first, after: $after, last: $last, before: $before) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id } } } }";

    [Fact]
    public async Task Lists_page_backward_with_last_and_before_as_well_as_forward()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: fixture.Clock.GetUtcNow().AddDays(1 + i)));

        var forward = new List<string>();
        string? after = null;
        do
        {
            var page = (await fixture.Client.DataAsync(Actions, new { slug, first = 2, after }))["campaign"]!["actions"]!;
            forward.AddRange(page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);
        forward.ShouldBe(ids);

        var backward = new List<string>();
        string? before = null;
        var pages = 0;
        do
        {
            var page = (await fixture.Client.DataAsync(Actions, new { slug, last = 2, before }))["campaign"]!["actions"]!;
            backward.InsertRange(0, page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            if (pages++ == 0)
            {
                page["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeFalse();
                page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>().ShouldBeTrue();
            }
            before = page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>() ? page["pageInfo"]!["startCursor"]!.GetValue<string>() : null;
        }
        while (before is not null);
        backward.ShouldBe(ids);

        (await fixture.Client.PostAsync(Actions, new { slug, first = 2, last = 2 })).ErrorCodes.ShouldBe(["BAD_USER_INPUT"]);
        (await fixture.Client.PostAsync(Actions, new { slug, last = 101 })).ErrorCodes.ShouldBe(["BAD_USER_INPUT"]);

        var (_, older) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var oldest = await fixture.Client.DataAsync("{ campaigns(last: 1) { nodes { slug } pageInfo { hasPreviousPage hasNextPage } } }");
        oldest["campaigns"]!["nodes"]![0]!["slug"]!.GetValue<string>().ShouldBe(slug); // newest first: the last one is the oldest
        oldest["campaigns"]!["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>().ShouldBeTrue();
        _ = older;
    }
}
