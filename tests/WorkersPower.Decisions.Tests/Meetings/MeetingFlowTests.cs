using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WorkersPower.Decisions.Ballots;
using WorkersPower.Platform;
using WorkersPower.Testing;
using static WorkersPower.Decisions.Tests.Meetings.MeetingsApi;

namespace WorkersPower.Decisions.Tests.Meetings;

/// <summary>Meetings, motions, amendments and proxies through the real API on a real host and database.</summary>
public sealed class MeetingFlowTests(MeetingsFixture fixture) : IClassFixture<MeetingsFixture>
{
    [Fact]
    public async Task A_motion_is_moved_seconded_amended_put_to_the_vote_in_order_and_its_text_versions_kept()
    {
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync());
        var organiser = await fixture.JoinAsync(branch, "Olive Organiser", "ORGANISER");
        var (mover, seconder, amender) = (await fixture.JoinAsync(branch, "Mo Mover"), await fixture.JoinAsync(branch, "Sec Onder"), await fixture.JoinAsync(branch, "Amy Amender"));
        var meetingId = await ConveneAsync(fixture, organiser.Token, branch);

        var motionId = await SubmitAsync(fixture, mover.Token, meetingId);
        var own = await Mutate(fixture, "secondMotion", "SecondMotionInput", "motion { status }", new { motionId }, mover.Token);
        own.UserErrors("secondMotion").Single().Code.ShouldBe("INVALID_STATE");
        var seconded = await Mutate(fixture, "secondMotion", "SecondMotionInput", $"motion {{ {MotionFields} }}", new { motionId }, seconder.Token);
        seconded["secondMotion.motion.status"]!.GetValue<string>().ShouldBe("SECONDED");
        seconded["secondMotion.motion.mover.displayName"]!.GetValue<string>().ShouldBe("Mo Mover");
        seconded["secondMotion.motion.seconders"]!.AsArray().Select(s => s!["displayName"]!.GetValue<string>()).ShouldBe(["Sec Onder"]);

        var amended = await Mutate(fixture, "submitAmendment", "SubmitAmendmentInput", "amendment { id order status motion { id } }",
            new { motionId, text = "We resolve to organise every workplace and every street." }, amender.Token);
        amended.UserErrors("submitAmendment").ShouldBeEmpty(amended.Body);
        var amendmentId = amended["submitAmendment.amendment.id"]!.GetValue<string>();
        amended["submitAmendment.amendment.order"]!.GetValue<int>().ShouldBe(1);
        amended["submitAmendment.amendment.status"]!.GetValue<string>().ShouldBe("SUBMITTED");
        var early = await Mutate(fixture, "putToVote", "PutToVoteInput", "ballot { id }", new { amendmentId, secrecy = "SECRET" }, organiser.Token);
        early.UserErrors("putToVote").Single().Message.ShouldBe("The amendment has not been seconded yet.");
        (await Mutate(fixture, "secondAmendment", "SecondAmendmentInput", "amendment { status }", new { amendmentId }, mover.Token))
            ["secondAmendment.amendment.status"]!.GetValue<string>().ShouldBe("SECONDED");

        var motionFirst = await Mutate(fixture, "putToVote", "PutToVoteInput", "ballot { id }", new { motionId, secrecy = "SECRET" }, organiser.Token);
        motionFirst.UserErrors("putToVote").Single().Message.ShouldBe("Amendment 1 must be decided before the motion is put.");
        (await Mutate(fixture, "putToVote", "PutToVoteInput", "ballot { id }", new { amendmentId, secrecy = "SECRET" }, mover.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var put = await Mutate(fixture, "putToVote", "PutToVoteInput", "ballot { id kind options status secrecy quorum meeting { id } }",
            new { amendmentId, secrecy = "RECORDED", quorum = 0.25 }, organiser.Token);
        put.UserErrors("putToVote").ShouldBeEmpty(put.Body);
        MembershipApi.Strings(put["putToVote.ballot.options"]).ShouldBe(["YES", "NO", "ABSTAIN"]);
        (put["putToVote.ballot.kind"]!.GetValue<string>(), put["putToVote.ballot.status"]!.GetValue<string>(), put["putToVote.ballot.quorum"]!.GetValue<double>())
            .ShouldBe(("MOTION", "SCHEDULED", 0.25));
        put["putToVote.ballot.meeting.id"]!.GetValue<string>().ShouldBe(meetingId);
        var ballotId = put["putToVote.ballot.id"]!.GetValue<string>();

        // the ballots tell the motions the amendment carried
        var ballotGuid = GlobalId.TryDecode(ballotId, "Ballot")!.Value;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var told = new BallotDecided(ballotGuid, GlobalId.TryDecode(motionId, "Motion"), GlobalId.TryDecode(amendmentId, "Amendment"), true);
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(told);
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(told); // told twice: once
        }
        var motion = (await Node(fixture, motionId, mover.Token, $"... on Motion {{ {MotionFields} }}")).Data!["node"]!;
        motion["text"]!.GetValue<string>().ShouldBe("We resolve to organise every workplace and every street.");
        motion["version"]!.GetValue<int>().ShouldBe(2);
        motion["versions"]!.AsArray().Select(v => (v!["version"]!.GetValue<int>(), v["byAmendment"]?.GetValue<string>()))
            .ShouldBe([(1, (string?)null), (2, amendmentId)]);
        motion["amendments"]![0]!["status"]!.GetValue<string>().ShouldBe("CARRIED");
        motion["amendments"]![0]!["ballot"]!["id"]!.GetValue<string>().ShouldBe(ballotId);

        var voting = await Mutate(fixture, "putToVote", "PutToVoteInput", "ballot { id title opensAt closesAt }",
            new { motionId, secrecy = "SECRET", opensAt = DateTimeOffset.UtcNow.AddHours(1), closesAt = DateTimeOffset.UtcNow.AddHours(2) }, organiser.Token);
        voting.UserErrors("putToVote").ShouldBeEmpty(voting.Body);
        voting["putToVote.ballot.title"]!.GetValue<string>().ShouldBe("Organise");
        var meeting = (await Node(fixture, meetingId, seconder.Token, $"... on Meeting {{ {MeetingFields} }}")).Data!["node"]!;
        meeting["motions"]!.AsArray().Select(m => m!["status"]!.GetValue<string>()).ShouldBe(["VOTING"]);
        meeting["ballots"]!.AsArray().Select(b => b!["title"]!.GetValue<string>()).ShouldBe(["Amendment 1 to \"Organise\"", "Organise"]);
        (await Mutate(fixture, "withdrawMotion", "WithdrawMotionInput", "motion { status }", new { motionId }, mover.Token))
            .UserErrors("withdrawMotion").Single().Code.ShouldBe("INVALID_STATE");
        // a ballot scheduled to open keeps the meeting open
        (await Mutate(fixture, "closeMeeting", "MeetingIdInput", "meeting { status }", new { meetingId }, organiser.Token))
            .UserErrors("closeMeeting").Single().Code.ShouldBe("INVALID_STATE");
    }

    [Fact]
    public async Task Meetings_are_seen_by_the_members_of_their_scope_and_whoever_runs_them_and_proxies_by_the_runners_only()
    {
        var admin = await fixture.AdminTokenAsync();
        var (branch, other) = (await MembershipApi.CreateBranchAsync(fixture.Client, admin), await MembershipApi.CreateBranchAsync(fixture.Client, admin));
        var organiser = await fixture.JoinAsync(branch, "Olive Organiser", "ORGANISER");
        var (member, holder, outsider) = (await fixture.JoinAsync(branch, "Mem Ber"), await fixture.JoinAsync(branch, "Hol Der"), await fixture.JoinAsync(other, "Out Sider"));
        (await Mutate(fixture, "conveneMeeting", "ConveneMeetingInput", "meeting { id }",
            new { title = "Conference", body = "CONFERENCE", startsAt = DateTimeOffset.UtcNow }, organiser.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await Mutate(fixture, "conveneMeeting", "ConveneMeetingInput", "meeting { id }",
            new { title = "Their meeting", body = "BRANCH_MEETING", branchId = other, startsAt = DateTimeOffset.UtcNow }, organiser.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await Mutate(fixture, "conveneMeeting", "ConveneMeetingInput", "meeting { id }",
            new { title = "Our meeting", body = "BRANCH_MEETING", startsAt = DateTimeOffset.UtcNow }, organiser.Token)).UserErrors("conveneMeeting").Single().Field.ShouldBe("input.branchId");
        var branchMeeting = await ConveneAsync(fixture, organiser.Token, branch);
        var conference = await ConveneAsync(fixture, admin, null, "CONFERENCE", seconders: 0);

        var motionId = await SubmitAsync(fixture, member.Token, branchMeeting);
        (await Mutate(fixture, "submitMotion", "SubmitMotionInput", "motion { id }", new { meetingId = branchMeeting, title = "Theirs", text = "Text" }, outsider.Token))
            .ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await Node(fixture, motionId, outsider.Token, "... on Motion { id }")).Data!["node"].ShouldBeNull();
        (await Node(fixture, branchMeeting, outsider.Token, "... on Meeting { id }")).Data!["node"].ShouldBeNull();
        (await Node(fixture, motionId, member.Token, "... on Motion { mover { displayName } }")).Data!["node"]!["mover"]!["displayName"]!.GetValue<string>().ShouldBe("Mem Ber");
        (await SubmitAsync(fixture, outsider.Token, conference)).ShouldNotBeNull(); // the whole organisation's: any member

        async Task<IReadOnlyList<string>> MeetingsOf(string token, string? branchId = null)
        {
            var page = await fixture.NewClient().PostAsync("query($b: ID) { meetings(first: 50, branchId: $b) { totalCount edges { node { id } } } }", new { b = branchId }, token);
            page.ShouldSucceed();
            return page.Data!["meetings"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToList();
        }
        (await MeetingsOf(member.Token)).ShouldBe([conference, branchMeeting]); // newest first
        (await MeetingsOf(outsider.Token)).ShouldBe([conference]);
        (await MeetingsOf(member.Token, branch)).ShouldBe([branchMeeting]);
        (await MeetingsOf(admin)).ShouldContain(branchMeeting);
        (await fixture.NewClient().PostAsync("{ meetings { totalCount } }")).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);

        var proxy = await Mutate(fixture, "authoriseProxy", "AuthoriseProxyInput", "proxy { id grantor { displayName } holder { displayName } }",
            new { meetingId = branchMeeting, holderMemberId = holder.MemberId }, member.Token);
        proxy.UserErrors("authoriseProxy").ShouldBeEmpty(proxy.Body);
        proxy["authoriseProxy.proxy.holder.displayName"]!.GetValue<string>().ShouldBe("Hol Der");
        (await Mutate(fixture, "authoriseProxy", "AuthoriseProxyInput", "proxy { id }", new { meetingId = branchMeeting, holderMemberId = outsider.MemberId }, member.Token))
            .UserErrors("authoriseProxy").Single().Field.ShouldBe("input.holderMemberId");
        // either answer tells the grantor whether the holder is in good standing of the scope: both reads are recorded
        foreach (var (subject, name) in new[] { (holder, "the holder"), (outsider, "the outsider") })
        {
            var reads = await fixture.Client.DataAsync("query($id: ID) { personalDataReads(memberId: $id, first: 10) { nodes { reader { id } } } }",
                new { id = subject.MemberId }, admin);
            reads["personalDataReads"]!["nodes"]!.AsArray().Select(n => n!["reader"]!["id"]!.GetValue<string>()).ShouldContain(member.MemberId, name);
        }
        var seenByChair = (await Node(fixture, branchMeeting, organiser.Token, $"... on Meeting {{ {MeetingFields} }}")).Data!["node"]!;
        seenByChair["proxies"]!.AsArray().Select(p => (p!["grantor"]!["displayName"]!.GetValue<string>(), p["holder"]!["displayName"]!.GetValue<string>()))
            .ShouldBe([("Mem Ber", "Hol Der")]);
        (seenByChair["viewerMayChair"]!.GetValue<bool>(), seenByChair["chair"]!["displayName"]!.GetValue<string>()).ShouldBe((true, "Olive Organiser"));
        var seenByMember = (await Node(fixture, branchMeeting, holder.Token, $"... on Meeting {{ {MeetingFields} }}")).Data!["node"]!;
        (seenByMember["proxies"], seenByMember["viewerMayChair"]!.GetValue<bool>()).ShouldBe((null, false));

        var named = await Mutate(fixture, "nameChair", "NameChairInput", "meeting { chair { displayName } }", new { meetingId = branchMeeting, memberId = member.MemberId }, organiser.Token);
        named["nameChair.meeting.chair.displayName"]!.GetValue<string>().ShouldBe("Mem Ber");
        var ballot = await Mutate(fixture, "createBallot", "CreateBallotInput", "ballot { id kind seats options }",
            new { meetingId = branchMeeting, title = "Delegates to conference", kind = "STV", options = new[] { "Ann", "Bob", "Cat" }, seats = 2, secrecy = "SECRET" }, member.Token);
        ballot.UserErrors("createBallot").ShouldBeEmpty(ballot.Body); // the chair now
        ballot["createBallot.ballot.seats"]!.GetValue<int>().ShouldBe(2);
        var closed = await Mutate(fixture, "closeMeeting", "MeetingIdInput", "meeting { status }", new { meetingId = branchMeeting }, member.Token);
        closed["closeMeeting.meeting.status"]!.GetValue<string>().ShouldBe("CLOSED");
        (await Mutate(fixture, "submitMotion", "SubmitMotionInput", "motion { id }", new { meetingId = branchMeeting, title = "Late", text = "Text" }, holder.Token))
            .UserErrors("submitMotion").Single().Code.ShouldBe("INVALID_STATE");
    }

    [Fact]
    public async Task Many_members_seconding_at_once_are_each_counted_once()
    {
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync());
        var organiser = await fixture.JoinAsync(branch, "Olive Organiser", "ORGANISER");
        var meetingId = await ConveneAsync(fixture, organiser.Token, branch, seconders: 5);
        var mover = await fixture.JoinAsync(branch, "Mo Mover");
        var motionId = await SubmitAsync(fixture, mover.Token, meetingId);
        var seconders = new List<MeetingsFixture.Person>();
        for (var i = 0; i < 8; i++) seconders.Add(await fixture.JoinAsync(branch, $"Seconder {i}"));

        var responses = await Task.WhenAll(seconders.Concat(seconders.Take(2)).Select(s =>
            Mutate(fixture, "secondMotion", "SecondMotionInput", "motion { id }", new { motionId }, s.Token)));
        responses.ShouldAllBe(r => r.UserErrors("secondMotion").Count == 0);
        var motion = (await Node(fixture, motionId, mover.Token, "... on Motion { status seconders { memberId } }")).Data!["node"]!;
        motion["seconders"]!.AsArray().Select(s => s!["memberId"]!.GetValue<string>()).Order().ShouldBe(seconders.Select(s => s.MemberId).Order());
        motion["status"]!.GetValue<string>().ShouldBe("SECONDED");
    }
}
