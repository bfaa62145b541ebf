using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Membership.Mail;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests.Ledger;

/// <summary>The consent and programme ledger through the API, on a real host: join, profile change, unsubscribe link, a new programme version, the export.</summary>
public sealed class ConsentLedgerFlowTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private const string Ledger = """
        consents { channel given since source history { given source at byMember } }
        programmeAccepted { page version acceptedAt current currentVersion source versionShown }
        communicationPreferences { email sms post }
        history(first: 20) { nodes { type summary } }
        """;

    private const string SavePage = "mutation($input: SavePageInput!) { savePage(input: $input) { article { id version } errors { code message field } } }";

    /// <summary>The programme page as the join form reads it (made, or revised with new text when <paramref name="revise"/>).</summary>
    private async Task<(string Id, int Version)> ProgrammeAsync(bool revise = false)
    {
        var admin = await fixture.AdminTokenAsync();
        var page = (await fixture.Client.DataAsync("{ page(slug: \"programme\") { id version } }"))["page"];
        if (page is not null && !revise) return (page["id"]!.GetValue<string>(), page["version"]!.GetValue<int>());
        var saved = await fixture.Client.PostAsync(SavePage, new
        {
            input = new { slug = "programme", title = "Our programme", body = $"For workers' power. ({Guid.NewGuid():N})", expectedVersion = page?["version"]?.GetValue<int>() },
        }, admin);
        saved.UserErrors("savePage").ShouldBeEmpty(saved.Body);
        return (saved["savePage.article.id"]!.GetValue<string>(), saved["savePage.article.version"]!.GetValue<int>());
    }

    /// <summary>Applies (with the programme's page and version when given), is approved and activates: the member's id and token.</summary>
    private async Task<(string MemberId, string Token, DateTimeOffset AppliedBefore)> JoinAsync((string Id, int Version)? programme)
    {
        var admin = await fixture.AdminTokenAsync();
        var email = MembershipApi.UniqueEmail("ledger");
        var input = MembershipApi.Application(email);
        if (programme is { } p) { input["programmeId"] = p.Id; input["programmeVersion"] = p.Version; }
        var before = DateTimeOffset.UtcNow;
        var applied = await fixture.Client.PostAsync(MembershipApi.Apply, new { input });
        applied.UserErrors("applyForMembership").ShouldBeEmpty(applied.Body);
        var (memberId, invitation) = await MembershipApi.ApproveAsync(fixture.Client, admin, applied["applyForMembership.application.id"]!.GetValue<string>(), await fixture.BranchAsync());
        var activated = await fixture.Client.PostAsync(MembershipApi.Activate, new { input = new { invitationToken = invitation, password = MemberApi.Password } });
        activated.UserErrors("activateAccount").ShouldBeEmpty(activated.Body);
        return (memberId, activated["activateAccount.accessToken"]!.GetValue<string>(), before);
    }

    private async Task<JsonNode> MeAsync(string token) => (await fixture.Client.DataAsync($"{{ me {{ {Ledger} }} }}", token: token))["me"]!;

    private static JsonNode Consent(JsonNode me, string channel) => me["consents"]!.AsArray().Single(c => c!["channel"]!.GetValue<string>() == channel)!;

    private static IReadOnlyList<(bool Given, string Source, bool ByMember)> History(JsonNode me, string channel) =>
        [.. Consent(me, channel)["history"]!.AsArray().Select(h => (h!["given"]!.GetValue<bool>(), h["source"]!.GetValue<string>(), h["byMember"]!.GetValue<bool>()))];

    [Fact]
    public async Task The_ledger_follows_a_member_across_join_profile_change_and_unsubscribe_link_and_the_export_holds_it()
    {
        var (memberId, token, appliedBefore) = await JoinAsync(await ProgrammeAsync());

        // join: consent to contact and email given on the join form, at the time of the application; SMS and post never recorded
        var me = await MeAsync(token);
        History(me, "CONTACT").ShouldBe([(true, "JOIN_FORM", false)]);
        History(me, "EMAIL").ShouldBe([(true, "JOIN_FORM", false)]);
        var joinedAt = DateTimeOffset.Parse(Consent(me, "EMAIL")["since"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        joinedAt.ShouldBeGreaterThanOrEqualTo(appliedBefore.AddSeconds(-1));
        (Consent(me, "SMS")["given"]!.GetValue<bool>(), Consent(me, "SMS")["since"], Consent(me, "SMS")["source"]).ShouldBe((false, (JsonNode?)null, (JsonNode?)null));

        // profile: email off and SMS on are two entries, by the member; the preferences say the same
        var changed = await MemberApi.MutateAsync(fixture, "updateMyCommunicationPreferences", "UpdateMyCommunicationPreferencesInput",
            new { email = false, sms = true, post = false }, token, "member { id }");
        changed.UserErrors("updateMyCommunicationPreferences").ShouldBeEmpty(changed.Body);
        await MemberApi.MutateAsync(fixture, "updateMyCommunicationPreferences", "UpdateMyCommunicationPreferencesInput", new { email = true, sms = true, post = false }, token, "member { id }");
        me = await MeAsync(token);
        History(me, "EMAIL").ShouldBe([(true, "JOIN_FORM", false), (false, "PROFILE", true), (true, "PROFILE", true)]);
        History(me, "SMS").ShouldBe([(true, "PROFILE", true)]);
        History(me, "POST").ShouldBeEmpty();

        // the unsubscribe link (the page's mutation, then the one-click POST again: once in the ledger)
        var linkToken = fixture.Services.GetRequiredService<UnsubscribeLinks>().TokenFor(GlobalId.TryDecode(memberId, "Member")!.Value);
        var unsubscribed = await fixture.NewClient().PostAsync("mutation($input: UnsubscribeFromEmailInput!) { unsubscribeFromEmail(input: $input) { unsubscribed errors { code } } }",
            new { input = new { token = linkToken } });
        unsubscribed["unsubscribeFromEmail.unsubscribed"]!.GetValue<bool>().ShouldBeTrue(unsubscribed.Body);
        (await fixture.Factory.CreateClient().PostAsync("/unsubscribe?token=" + Uri.EscapeDataString(linkToken), new StringContent("List-Unsubscribe=One-Click")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        me = await MeAsync(token);
        History(me, "EMAIL").ShouldBe([(true, "JOIN_FORM", false), (false, "PROFILE", true), (true, "PROFILE", true), (false, "UNSUBSCRIBE_LINK", false)]);
        (Consent(me, "EMAIL")["given"]!.GetValue<bool>(), Consent(me, "EMAIL")["source"]!.GetValue<string>()).ShouldBe((false, "UNSUBSCRIBE_LINK"));
        me["communicationPreferences"]!["email"]!.GetValue<bool>().ShouldBeFalse();
        me["communicationPreferences"]!["sms"]!.GetValue<bool>().ShouldBeTrue();
        var types = me["history"]!["nodes"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()).ToList();
        types.Count(t => t == "UNSUBSCRIBED_FROM_EMAIL").ShouldBe(2); // from the profile, then from the link
        types.ShouldContain("CONSENT_GIVEN");
        types.ShouldContain("PROGRAMME_ACCEPTED");

        // the export: every channel with its history, and the programme accepted
        var export = await fixture.Client.DataAsync("{ exportMyData }", token: token);
        using var document = JsonDocument.Parse(export["exportMyData"]!.GetValue<string>());
        var ledger = document.RootElement.GetProperty("modules").GetProperty("ledger");
        var email = ledger.GetProperty("consents").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "Email");
        email.GetProperty("history").GetArrayLength().ShouldBe(4);
        email.GetProperty("given").GetBoolean().ShouldBeFalse();
        ledger.GetProperty("programmeAcceptances").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task The_programme_revision_accepted_at_join_is_the_member_s_until_they_accept_a_new_version()
    {
        var shown = await ProgrammeAsync();
        var (_, token, _) = await JoinAsync(shown);
        var accepted = (await MeAsync(token))["programmeAccepted"]!;
        (accepted["page"]!.GetValue<string>(), accepted["version"]!.GetValue<int>(), accepted["current"]!.GetValue<bool>(), accepted["source"]!.GetValue<string>(), accepted["versionShown"]!.GetValue<bool>())
            .ShouldBe((shown.Id, shown.Version, true, "JOIN_FORM", true));

        // the programme changes: the member is not bound silently, the new version awaits them
        var revised = await ProgrammeAsync(revise: true);
        revised.Version.ShouldBeGreaterThan(shown.Version);
        accepted = (await MeAsync(token))["programmeAccepted"]!;
        (accepted["version"]!.GetValue<int>(), accepted["current"]!.GetValue<bool>(), accepted["currentVersion"]!.GetValue<int>()).ShouldBe((shown.Version, false, revised.Version));

        var old = await MemberApi.MutateAsync(fixture, "acceptProgramme", "AcceptProgrammeInput", new { version = shown.Version }, token, "member { id }");
        old.UserErrors("acceptProgramme").ShouldHaveSingleItem().ShouldBe(("INVALID_STATE", old.UserErrors("acceptProgramme")[0].Message, "input.version"));
        var now = await MemberApi.MutateAsync(fixture, "acceptProgramme", "AcceptProgrammeInput", new { version = revised.Version }, token,
            "member { programmeAccepted { version current source versionShown } }");
        now.UserErrors("acceptProgramme").ShouldBeEmpty(now.Body);
        accepted = now["acceptProgramme.member.programmeAccepted"]!;
        (accepted["version"]!.GetValue<int>(), accepted["current"]!.GetValue<bool>(), accepted["source"]!.GetValue<string>()).ShouldBe((revised.Version, true, "MEMBER"));
        (await MemberApi.MutateAsync(fixture, "acceptProgramme", "AcceptProgrammeInput", new { version = revised.Version })).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);

        // an older form names no version: the current one is recorded, as not shown by the form
        var (_, oldFormToken, _) = await JoinAsync(null);
        accepted = (await MeAsync(oldFormToken))["programmeAccepted"]!;
        (accepted["version"]!.GetValue<int>(), accepted["versionShown"]!.GetValue<bool>(), accepted["current"]!.GetValue<bool>()).ShouldBe((revised.Version, false, true));

        // a version the programme never had is refused, naming the field
        var input = MembershipApi.Application(MembershipApi.UniqueEmail("ledger"));
        input["programmeId"] = revised.Id;
        input["programmeVersion"] = revised.Version + 10;
        var refused = await fixture.Client.PostAsync(MembershipApi.Apply, new { input });
        refused.UserErrors("applyForMembership").ShouldHaveSingleItem().Field.ShouldBe("input.programmeVersion");
    }

    [Fact]
    public async Task An_organiser_of_another_branch_reads_no_consents_and_the_member_s_own_organiser_does_with_the_read_recorded()
    {
        var (memberId, _, _) = await JoinAsync(await ProgrammeAsync());
        var elsewhere = await MemberApi.JoinAsync(fixture, await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync()), "ORGANISER");
        var own = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");

        var outsider = await MemberApi.MemberAsync(fixture, memberId, elsewhere.Token, "consents { channel } programmeAccepted { version }");
        var node = outsider.Data?["node"];
        if (node is not null)
        {
            node["consents"]!.AsArray().ShouldBeEmpty();
            node["programmeAccepted"].ShouldBeNull();
        }

        var organiser = await MemberApi.MemberAsync(fixture, memberId, own.Token, "consents { channel given } programmeAccepted { version }");
        organiser.Data!["node"]!["consents"]!.AsArray().Count.ShouldBe(4);
        var reads = await fixture.Client.DataAsync("query($id: ID!) { personalDataReads(memberId: $id, first: 10) { nodes { reader { id } } } }",
            new { id = memberId }, await fixture.AdminTokenAsync());
        reads["personalDataReads"]!["nodes"]!.AsArray().ShouldContain(n => n!["reader"]!["id"]!.GetValue<string>() == own.MemberId);
    }
}
