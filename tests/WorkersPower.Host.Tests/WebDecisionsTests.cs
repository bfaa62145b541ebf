using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// Decisions in a real headless Chromium driven by Playwright (tests/conformance/decisions.mjs), three people's
/// browsers: an organiser convenes a meeting of their branch in the browser (a title too short is refused beside its
/// field, a branch they do not organise is refused in words), and another through the API; on that one, a member submits a motion and another seconds
/// it; the organiser, its chair, puts it to the vote as a secret ballot and opens it; the two members vote, each shown
/// their receipt once, while the chair's screen shows the turnout move without a reload; the chair closes the ballot
/// (confirmed: it is final); a member finds their receipt in the published results and reads what it recorded.
/// An election by STV, held and closed through the API, shows its count round by round. The chair may not close the
/// meeting while its ballot is open (said beside the button); once the business is done, closes it (confirmed).
/// </summary>
public sealed class WebDecisionsTests(RealServerFixture fixture) : IClassFixture<RealServerFixture>
{
    private static readonly string[] Screens =
        ["decisions-convene-error", "meeting-convened", "decisions-list", "meeting-member", "meeting-seconded", "meeting-chair", "ballot-vote", "ballot-receipt", "ballot-close-confirm", "meeting-chair-closed", "ballot-results", "ballot-stv", "meeting-close-refused", "meeting-close-confirm", "meeting-closed"];

    [Fact]
    public async Task In_chromium_members_move_second_and_vote_by_secret_ballot_and_find_their_receipt_in_the_results()
    {
        NodeScript.RequireChromiumAndAxe();
        var branch = await fixture.BranchAsync();
        var chair = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var mover = await MemberApi.JoinAsync(fixture, branch);
        var seconder = await MemberApi.JoinAsync(fixture, branch);
        var admin = await fixture.AdminTokenAsync();
        var otherBranch = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        async Task<string> BranchName(string id) =>
            (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Branch { name } } }", new { id }, admin))["node"]!["name"]!.GetValue<string>();
        var branchName = await BranchName(branch);
        var otherBranchName = await BranchName(otherBranch);
        var suffix = new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(5).ToArray()).PadRight(5, 'x');

        // the meeting, convened by the branch's organiser (who chairs it), one seconder needed
        var meetingTitle = $"Branch meeting {suffix}";
        var convened = await fixture.Client.PostAsync("mutation($input: ConveneMeetingInput!) { conveneMeeting(input: $input) { meeting { id } errors { code message field } } }",
            new { input = new { title = meetingTitle, body = "BRANCH_MEETING", branchId = branch, startsAt = DateTimeOffset.UtcNow.AddMinutes(-5), secondersRequired = 1 } }, chair.Token);
        convened.UserErrors("conveneMeeting").ShouldBeEmpty(convened.Body);
        var meetingId = convened["conveneMeeting.meeting.id"]!.GetValue<string>();

        // an election by STV, held and closed through the API: three candidates, one seat, three voters
        var stvTitle = $"Branch secretary {suffix}";
        var created = await fixture.Client.PostAsync("mutation($input: CreateBallotInput!) { createBallot(input: $input) { ballot { id } errors { code message field } } }",
            new { input = new { meetingId, title = stvTitle, kind = "STV", options = new[] { "Ada Picketline", "Ben Strikefund", "Cleo Walkabout" }, seats = 1, secrecy = "SECRET", allowChanges = false, quorum = 0.0 } }, chair.Token);
        created.UserErrors("createBallot").ShouldBeEmpty(created.Body);
        var stvId = created["createBallot.ballot.id"]!.GetValue<string>();
        await BallotStepAsync("openBallot", stvId, chair.Token);
        foreach (var (voter, ranking) in new[] { (chair, new[] { "Ada Picketline", "Ben Strikefund" }), (mover, new[] { "Ada Picketline", "Cleo Walkabout" }), (seconder, new[] { "Ben Strikefund", "Ada Picketline" }) })
        {
            var cast = await fixture.Client.PostAsync("mutation($input: CastVoteInput!) { castVote(input: $input) { receipt errors { code message field } } }",
                new { input = new { ballotId = stvId, choice = ranking } }, voter.Token);
            cast.UserErrors("castVote").ShouldBeEmpty(cast.Body);
            cast["castVote.receipt"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        }
        await BallotStepAsync("closeBallot", stvId, chair.Token);
        var stv = (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Ballot { result { elected rounds { number } } } } }", new { id = stvId }, mover.Token))["node"]!["result"]!;
        var elected = stv["elected"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        var rounds = stv["rounds"]!.AsArray().Count;
        rounds.ShouldBeGreaterThanOrEqualTo(1); // Ada reaches the quota (2 of 3) on first preferences
        elected.ShouldBe(["Ada Picketline"]);

        var shots = Directory.CreateTempSubdirectory("wp-web-decisions-").FullName;
        try
        {
            var (exitCode, text) = await NodeScript.RunAsync("decisions.mjs", fixture.ServerAddress!.ToString(), shots,
                chair.Email, mover.Email, seconder.Email, MemberApi.Password, meetingId, meetingTitle, stvId, suffix, branchName, otherBranchName);
            exitCode.ShouldBe(0, text);
            var lines = text.Split('\n');
            string Line(string prefix) => lines.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{text}");

            var motionTitle = $"Support the night drivers {suffix}";
            var convenedTitle = $"Annual general meeting {suffix}";
            Line("CONVENEERROR").ShouldBe("CONVENEERROR The title must be at least 3 characters. | described=true | Nothing was changed: please check the fields marked above.");
            Line("CONVENEFORBIDDEN").ShouldBe("CONVENEFORBIDDEN You may not convene this meeting. Only an organiser of the branch or an admin may convene its meetings.");
            var inBrowser = System.Text.RegularExpressions.Regex.Match(Line("CONVENED"), @"^CONVENED (.+) \| startsAt=(\S+) \| id=(\S+)$");
            inBrowser.Success.ShouldBeTrue(Line("CONVENED"));
            inBrowser.Groups[1].Value.ShouldMatch($@"^{convenedTitle} \| Body Branch meeting \| Whose {System.Text.RegularExpressions.Regex.Escape(branchName)} \| When Sat 6 Mar 2027, 18:30 \| Chair .+ \| Status Open \| Seconders a motion needs 2$");
            Line("LIST").ShouldContain(meetingTitle);
            Line("LIST").ShouldContain(convenedTitle);
            Line("OPENMARK").ShouldBe("OPENMARK 0");
            Line("MEMBERCONVENE").ShouldBe("MEMBERCONVENE 0");
            Line("MEMBERCLOSE").ShouldBe("MEMBERCLOSE 0");
            Line("SUBMITTED").ShouldBe($"SUBMITTED Your motion “{motionTitle}” is submitted. It needs seconders before the chair can put it to the vote. | Waiting for seconders");
            Line("SECONDED").ShouldBe($"SECONDED You seconded “{motionTitle}”. | Seconded");
            Line("PUT").ShouldBe("PUT Not open yet castVote=0");
            Line("OPENED").ShouldMatch(@"^OPENED “.+” is open: members in good standing can vote now\. \| Voting open$");
            Line("TURNOUT 0").ShouldMatch(@"^TURNOUT 0 0 of \d+ members have voted so far");
            Line("VOTEFORM").ShouldBe("VOTEFORM For | Against | Abstain");
            Line("RECEIPT").ShouldBe("RECEIPT Your receipt | Write this down: it is the only way to find your ballot in the published results; we do not keep it with your name. | shown=true stored=false inurl=false");
            Line("COPIED").ShouldBe("COPIED The receipt is copied. Paste it somewhere only you can read.");
            Line("VOTED").ShouldBe("VOTED Your vote is cast: For. Keep the receipt shown above.");
            Line("TURNOUT 1").ShouldMatch(@"^TURNOUT 1 1 of \d+ members have voted so far");
            Line("TURNOUT 2").ShouldMatch(@"^TURNOUT 2 2 of \d+ members have voted so far");
            Line("RELOADED").ShouldBe("RELOADED false");
            Line("AFTERVOTE").ShouldBe("AFTERVOTE You have voted: your vote is in the ballot box and counts. castVote=0");
            Line("CLOSED").ShouldMatch(@"^CLOSED “.+” is closed and its result published\.");
            Line("RESULTLIVE").ShouldBe("RESULTLIVE true");
            Line("RESULT").ShouldBe("RESULT Not carried: it fell. | For 1 | Against 1 | Abstain 0");
            Line("FOUND").ShouldBe("FOUND Found: the ballot with receipt <receipt> is counted, and it recorded For.");
            Line("NOTFOUND").ShouldStartWith("NOTFOUND No published ballot has this receipt.");
            Line("PUBLISHED").ShouldBe("PUBLISHED 2 For,Against");
            Line("MEETINGREFUSED").ShouldMatch(@"^MEETINGREFUSED The ballot "".+"" is still open: close it first\.$");
            Line("MEETINGCLOSED").ShouldBe($"MEETINGCLOSED “{meetingTitle}” is closed. | Closed");
            Line("STV").ShouldBe($"STV Elected: Ada Picketline. | rounds={rounds} | Round Ada Picketline Ben Strikefund Cleo Walkabout Elected Excluded What happened");

            foreach (var screen in Screens)
                Line($"AXE {screen}").ShouldBe($"AXE {screen} none");
            lines.ShouldNotContain(l => l.StartsWith("SIDEWAYS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("PAGEERRORS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("CONSOLE", StringComparison.Ordinal), text);
            foreach (var screen in Screens)
            foreach (var size in new[] { "390x844", "1280x800" })
                new FileInfo(Path.Combine(shots, $"{screen}-{size}.png")).Length.ShouldBeGreaterThan(10_000);

            // what the screens did, as the API holds it: one motion, put to the vote, its ballot closed with two ballots
            var meeting = (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Meeting { motions { title status seconders { memberId } ballot { status secrecy result { turnout ballots { receipt } } } } } } }",
                new { id = meetingId }, mover.Token))["node"]!;
            var motion = meeting["motions"]!.AsArray().Single()!;
            motion["title"]!.GetValue<string>().ShouldBe(motionTitle);
            motion["seconders"]!.AsArray().Select(s => s!["memberId"]!.GetValue<string>()).ShouldBe([seconder.MemberId]);
            motion["ballot"]!["secrecy"]!.GetValue<string>().ShouldBe("SECRET");
            motion["ballot"]!["status"]!.GetValue<string>().ShouldBe("CLOSED");
            motion["ballot"]!["result"]!["turnout"]!.GetValue<int>().ShouldBe(2);
            (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Meeting { status } } }", new { id = meetingId }, chair.Token))["node"]!["status"]!.GetValue<string>().ShouldBe("CLOSED");

            // the meeting convened in the browser, as the API holds it: the branch's, at the instant typed, two seconders, the organiser its convenor and chair
            var held = (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Meeting { title body status startsAt secondersRequired scope { kind branch { id } } convenedBy { memberId } chair { memberId } } } }",
                new { id = inBrowser.Groups[3].Value }, chair.Token))["node"]!;
            held["title"]!.GetValue<string>().ShouldBe(convenedTitle);
            held["body"]!.GetValue<string>().ShouldBe("BRANCH_MEETING");
            held["status"]!.GetValue<string>().ShouldBe("OPEN");
            DateTimeOffset.Parse(held["startsAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(DateTimeOffset.Parse(inBrowser.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            held["secondersRequired"]!.GetValue<int>().ShouldBe(2);
            held["scope"]!["kind"]!.GetValue<string>().ShouldBe("BRANCH");
            held["scope"]!["branch"]!["id"]!.GetValue<string>().ShouldBe(branch);
            held["convenedBy"]!["memberId"]!.GetValue<string>().ShouldBe(chair.MemberId);
            held["chair"]!["memberId"]!.GetValue<string>().ShouldBe(chair.MemberId);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WP_KEEP_SCREENSHOTS") is null) Directory.Delete(shots, recursive: true);
        }
    }

    private async Task BallotStepAsync(string mutation, string ballotId, string token)
    {
        var response = await fixture.Client.PostAsync($"mutation($input: BallotIdInput!) {{ {mutation}(input: $input) {{ ballot {{ status }} errors {{ code message field }} }} }}",
            new { input = new { ballotId } }, token);
        response.UserErrors(mutation).ShouldBeEmpty(response.Body);
    }
}
