using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.MailCatcher;
using WorkersPower.Membership.Mail;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>A host with mail on and a low daily limit of organisers' messages (3).</summary>
public sealed class OrganiserMessagesFixture : MailFixture
{
    public const int PerDay = 3;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Mail:MessagesPerOrganiserPerDay"] = PerDay.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

/// <summary>Organisers' messages through the API, delivered over SMTP to the in-process catcher.</summary>
public sealed class OrganiserMessageTests(OrganiserMessagesFixture fixture) : IClassFixture<OrganiserMessagesFixture>
{
    private const string Count = "query($segment: MessageSegmentInput!) { messageRecipientCount(segment: $segment) }";

    private const string MessageFields = "id sentAt segment recipientCount subject body signedAs sentBy { id } senderAccountId senderErased";

    private const string Send = $"mutation($input: SendMessageToMembersInput!) {{ sendMessageToMembers(input: $input) {{ message {{ {MessageFields} }} errors {{ code message field }} }} }}";

    private const string Record = $"{{ organiserMessages(first: 100) {{ totalCount nodes {{ {MessageFields} }} }} }}";

    private static string Unique(string what) => $"{what} {Guid.NewGuid():N}";

    private Task<GraphQLResponse> CountAsync(object segment, string token) => fixture.Client.PostAsync(Count, new { segment }, token);

    private Task<GraphQLResponse> SendAsync(object segment, string subject, string token, string body = "Dear comrades,\nthe meeting is on Thursday.") =>
        fixture.Client.PostAsync(Send, new { input = new { segment, subject, body } }, token);

    private async Task<(string Id, string Name)> BranchAsync()
    {
        var name = Unique("Branch")[..20];
        return (await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync(), name), name);
    }

    private Task<IReadOnlyList<CaughtMail>> MailsAsync(string subject, int count) => fixture.Catcher.WaitForAsync(m => m.Subject == subject, count);

    /// <summary>After the expected mails came, waits a moment longer: no other mail with the subject may follow.</summary>
    private async Task<IReadOnlyList<CaughtMail>> OnlyMailsAsync(string subject, int count)
    {
        await MailsAsync(subject, count);
        await Task.Delay(TimeSpan.FromSeconds(1));
        return fixture.Catcher.Mails.Where(m => m.Subject == subject).ToList();
    }

    private static IEnumerable<string> Recipients(IEnumerable<CaughtMail> mails) => mails.SelectMany(m => m.EnvelopeTo).Select(a => a.ToLowerInvariant()).Order();

    [Fact]
    public async Task The_preview_counts_the_mails_that_arrive_and_a_member_who_turned_email_off_gets_none()
    {
        var (branch, name) = await BranchAsync();
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var members = new[] { await MemberApi.JoinAsync(fixture, branch), await MemberApi.JoinAsync(fixture, branch) };
        var quiet = await MemberApi.JoinAsync(fixture, branch);
        var off = await MemberApi.MutateAsync(fixture, "updateMyCommunicationPreferences", "UpdateMyCommunicationPreferencesInput", new { email = false, sms = true, post = false }, quiet.Token);
        off.UserErrors("updateMyCommunicationPreferences").ShouldBeEmpty(off.Body);

        var preview = await CountAsync(new { branchId = branch }, organiser.Token);
        preview.ShouldSucceed();
        preview["messageRecipientCount"]!.GetValue<int>().ShouldBe(3);

        var subject = Unique("Branch meeting");
        var sent = await SendAsync(new { branchId = branch }, subject, organiser.Token, "Dear comrades,\nthe meeting is on Thursday.\n<b>Bring</b> a friend & a flask.");
        sent.UserErrors("sendMessageToMembers").ShouldBeEmpty(sent.Body);
        var message = sent["sendMessageToMembers.message"]!;
        message["recipientCount"]!.GetValue<int>().ShouldBe(3);
        message["segment"]!.GetValue<string>().ShouldBe($"Members of {name}");
        message["signedAs"]!.GetValue<string>().ShouldBe(name);

        var mails = await OnlyMailsAsync(subject, 3);
        mails.Count.ShouldBe(3);
        Recipients(mails).ShouldBe(new[] { organiser.Email, members[0].Email, members[1].Email }.Select(e => e.ToLowerInvariant()).Order());
        var links = fixture.Services.GetRequiredService<UnsubscribeLinks>();
        foreach (var mail in mails)
        {
            mail.Header("List-Unsubscribe")!.ShouldStartWith($"<{MailFixture.PublicUrl}/unsubscribe?token=");
            mail.Header("List-Unsubscribe-Post").ShouldBe("List-Unsubscribe=One-Click");
            mail.Header("Reply-To").ShouldBeNull();
            mail.Message.From.ToString().ShouldContain("no-reply@test.workerspower.org");
            mail.Text!.ShouldContain($"From Workers Power ({name}):");
            mail.Text!.ShouldContain("Dear comrades,\nthe meeting is on Thursday.\n<b>Bring</b> a friend & a flask.");
            mail.Html!.ShouldContain("&lt;b&gt;Bring&lt;/b&gt; a friend &amp; a flask.");
            mail.Html!.ShouldNotContain("<b>Bring</b>");
            // the unsubscribe link names the recipient (signed), and nobody else
            var recipient = mail.EnvelopeTo.Single();
            var person = new[] { organiser, members[0], members[1] }.Single(p => string.Equals(p.Email, recipient, StringComparison.OrdinalIgnoreCase));
            links.MemberOf(MailFixture.TokenIn(mail, "/unsubscribe")).ShouldBe(GlobalId.TryDecode(person.MemberId, "Member"));
        }
    }

    [Fact]
    public async Task An_organiser_writes_only_to_their_own_branch()
    {
        var admin = await fixture.AdminTokenAsync();
        var (a, _) = await BranchAsync();
        var (b, _) = await BranchAsync();
        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        await MemberApi.JoinAsync(fixture, a);
        await MemberApi.JoinAsync(fixture, b);
        await MemberApi.JoinAsync(fixture, b);
        await MemberApi.JoinAsync(fixture, b);

        (await CountAsync(new { branchId = a }, organiser.Token))["messageRecipientCount"]!.GetValue<int>().ShouldBe(2);
        (await CountAsync(new { branchId = b }, admin))["messageRecipientCount"]!.GetValue<int>().ShouldBe(3);
        (await CountAsync(new { branchId = b }, organiser.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var subject = Unique("Not yours");
        var refused = await SendAsync(new { branchId = b }, subject, organiser.Token);
        refused.ErrorCodes.ShouldBe(["FORBIDDEN"]);

        // a plain member may not ask at all; a segment must name exactly one target
        var member = await MemberApi.JoinAsync(fixture, a);
        (await CountAsync(new { branchId = a }, member.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await CountAsync(new { }, organiser.Token)).ErrorCodes.ShouldBe(["BAD_USER_INPUT"]);
        var none = await SendAsync(new { }, subject, organiser.Token);
        none.UserErrors("sendMessageToMembers").ShouldHaveSingleItem().Field.ShouldBe("input.segment");

        await Task.Delay(TimeSpan.FromSeconds(1));
        fixture.Catcher.Mails.ShouldNotContain(m => m.Subject == subject);
    }

    [Fact]
    public async Task A_message_to_an_action_or_a_campaign_reaches_the_people_signed_up_for_it()
    {
        var (branch, _) = await BranchAsync();
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var launched = await fixture.Client.PostAsync("mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { campaign { id } errors { code message } } }",
            new { input = new { title = Unique("Save the depot")[..30], summary = "Why we fight." } }, organiser.Token);
        launched.UserErrors("launchCampaign").ShouldBeEmpty(launched.Body);
        var campaign = launched["launchCampaign.campaign.id"]!.GetValue<string>();
        var actions = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var starts = DateTimeOffset.UtcNow.AddDays(3 + i);
            var scheduled = await fixture.Client.PostAsync("mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id } errors { code message } } }",
                new { input = new { campaignId = campaign, kind = "PICKET", title = "Picket", startsAt = starts, endsAt = starts.AddHours(2), location = "The gate" } }, organiser.Token);
            scheduled.UserErrors("scheduleAction").ShouldBeEmpty(scheduled.Body);
            actions.Add(scheduled["scheduleAction.action.id"]!.GetValue<string>());
        }
        async Task<MemberApi.Person> SignedUpAsync(string action)
        {
            var person = await MemberApi.JoinAsync(fixture, branch);
            var signedUp = await fixture.Client.PostAsync("mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { errors { code message } } }", new { input = new { actionId = action } }, person.Token);
            signedUp.UserErrors("signUpForAction").ShouldBeEmpty(signedUp.Body);
            return person;
        }
        var first = new[] { await SignedUpAsync(actions[0]), await SignedUpAsync(actions[0]) };
        var second = await SignedUpAsync(actions[1]);
        var withdrew = await SignedUpAsync(actions[0]);
        var withdrawn = await fixture.Client.PostAsync("mutation($input: WithdrawFromActionInput!) { withdrawFromAction(input: $input) { errors { code message } } }", new { input = new { actionId = actions[0] } }, withdrew.Token);
        withdrawn.UserErrors("withdrawFromAction").ShouldBeEmpty(withdrawn.Body);
        await MemberApi.JoinAsync(fixture, branch); // in the branch, not signed up

        (await CountAsync(new { actionId = actions[0] }, organiser.Token))["messageRecipientCount"]!.GetValue<int>().ShouldBe(2);
        (await CountAsync(new { campaignId = campaign }, organiser.Token))["messageRecipientCount"]!.GetValue<int>().ShouldBe(3);
        (await CountAsync(new { actionId = actions[0], inArrears = true }, organiser.Token)).ErrorCodes.ShouldBe(["BAD_USER_INPUT"]);
        var another = await MemberApi.JoinAsync(fixture, branch, "ORGANISER"); // organises no action of this campaign
        (await CountAsync(new { actionId = actions[0] }, another.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await SendAsync(new { campaignId = campaign }, Unique("Not your campaign"), another.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);

        var subject = Unique("Picket tomorrow");
        var sent = await SendAsync(new { actionId = actions[0] }, subject, organiser.Token);
        sent.UserErrors("sendMessageToMembers").ShouldBeEmpty(sent.Body);
        sent["sendMessageToMembers.message.segment"]!.GetValue<string>().ShouldStartWith("People signed up for the action \"Picket\" on ");
        var mails = await OnlyMailsAsync(subject, 2);
        Recipients(mails).ShouldBe(first.Select(p => p.Email.ToLowerInvariant()).Order());
        mails.ShouldAllBe(m => m.Header("List-Unsubscribe") != null);
        second.ShouldNotBeNull();
    }

    [Fact]
    public async Task More_than_the_daily_limit_is_RATE_LIMITED()
    {
        var (branch, _) = await BranchAsync();
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        for (var i = 0; i < OrganiserMessagesFixture.PerDay; i++)
            (await SendAsync(new { branchId = branch }, Unique("Limit"), organiser.Token)).UserErrors("sendMessageToMembers").ShouldBeEmpty();
        var subject = Unique("One too many");
        var refused = await SendAsync(new { branchId = branch }, subject, organiser.Token);
        refused.UserErrors("sendMessageToMembers").ShouldHaveSingleItem().Code.ShouldBe("RATE_LIMITED");
        refused["sendMessageToMembers.message"].ShouldBeNull();
        // another organiser of the branch has their own allowance
        var colleague = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        (await SendAsync(new { branchId = branch }, Unique("Colleague"), colleague.Token)).UserErrors("sendMessageToMembers").ShouldBeEmpty();
        await Task.Delay(TimeSpan.FromSeconds(1));
        fixture.Catcher.Mails.ShouldNotContain(m => m.Subject == subject);
    }

    [Fact]
    public async Task Admins_read_every_record_and_an_organiser_their_own()
    {
        var admin = await fixture.AdminTokenAsync();
        var (a, nameA) = await BranchAsync();
        var (b, _) = await BranchAsync();
        var organiserA = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        var organiserB = await MemberApi.JoinAsync(fixture, b, "ORGANISER");
        await MemberApi.JoinAsync(fixture, a);
        var subjectA = Unique("From A");
        var subjectB = Unique("From B");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        (await SendAsync(new { branchId = a, inArrears = false }, subjectA, organiserA.Token)).UserErrors("sendMessageToMembers").ShouldBeEmpty();
        (await SendAsync(new { branchId = b }, subjectB, organiserB.Token)).UserErrors("sendMessageToMembers").ShouldBeEmpty();

        JsonNode Find(JsonNode record, string subject) => record["organiserMessages"]!["nodes"]!.AsArray().Single(n => n!["subject"]!.GetValue<string>() == subject)!;
        var all = await fixture.Client.DataAsync(Record, null, admin);
        var fromA = Find(all, subjectA);
        fromA["sentBy"]!["id"]!.GetValue<string>().ShouldBe(organiserA.MemberId);
        fromA["senderAccountId"]!.GetValue<string>().ShouldNotBeEmpty();
        fromA["sentAt"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThan(before);
        fromA["segment"]!.GetValue<string>().ShouldBe($"Members of {nameA}, paid up");
        fromA["recipientCount"]!.GetValue<int>().ShouldBe(2);
        fromA["body"]!.GetValue<string>().ShouldBe("Dear comrades,\nthe meeting is on Thursday.");
        fromA["senderErased"]!.GetValue<bool>().ShouldBeFalse();
        Find(all, subjectB)["sentBy"]!["id"]!.GetValue<string>().ShouldBe(organiserB.MemberId);

        // newest first
        var subjects = all["organiserMessages"]!["nodes"]!.AsArray().Select(n => n!["subject"]!.GetValue<string>()).ToList();
        subjects.IndexOf(subjectB).ShouldBeLessThan(subjects.IndexOf(subjectA));

        var own = (await fixture.Client.DataAsync(Record, null, organiserB.Token))["organiserMessages"]!;
        own["totalCount"]!.GetValue<int>().ShouldBe(1);
        own["nodes"]![0]!["subject"]!.GetValue<string>().ShouldBe(subjectB);
        var member = await MemberApi.JoinAsync(fixture, a);
        (await fixture.Client.PostAsync(Record, null, member.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);

        // the sender's own data export holds what they sent
        var export = (await fixture.Client.DataAsync("{ exportMyData }", null, organiserA.Token))["exportMyData"]!.GetValue<string>();
        var messages = JsonNode.Parse(export)!["modules"]!["organiserMessages"]!.AsArray();
        messages.Select(m => m!["subject"]!.GetValue<string>()).ShouldBe([subjectA]);
    }

    [Fact]
    public async Task The_senders_erasure_keeps_the_message_without_them()
    {
        var admin = await fixture.AdminTokenAsync();
        var (branch, _) = await BranchAsync();
        var given = "Ottoline" + Guid.NewGuid().ToString("N")[..6];
        var family = "Brackenbury" + Guid.NewGuid().ToString("N")[..6];
        var email = MembershipApi.UniqueEmail("sender");
        var application = await fixture.Client.PostAsync(MembershipApi.Apply, new { input = MembershipApi.Application(email, given, family) });
        application.UserErrors("applyForMembership").ShouldBeEmpty(application.Body);
        var approved = await fixture.Client.PostAsync(MembershipApi.Approve,
            new { input = new { applicationId = application["applyForMembership.application.id"]!.GetValue<string>(), branchId = branch } }, admin);
        approved.UserErrors("approveMembershipApplication").ShouldBeEmpty(approved.Body);
        var memberId = approved["approveMembershipApplication.member.id"]!.GetValue<string>();
        var invitation = await fixture.InvitationTokenAsync(email);
        (await fixture.Client.PostAsync(MembershipApi.Activate, new { input = new { invitationToken = invitation, password = MemberApi.Password } })).ShouldSucceed();
        (await fixture.Client.PostAsync("mutation($input: RoleChangeInput!) { grantRole(input: $input) { errors { code } } }", new { input = new { memberId, role = "ORGANISER", branchId = branch } }, admin)).ShouldSucceed();
        var token = await fixture.SignInAsync(email, MemberApi.Password);
        await MemberApi.JoinAsync(fixture, branch);

        var subject = Unique($"A word from {given}");
        var sent = await SendAsync(new { branchId = branch }, subject, token, $"Questions? Ask me, {given} {family}, at {email.ToUpperInvariant()}.");
        sent.UserErrors("sendMessageToMembers").ShouldBeEmpty(sent.Body);
        var id = sent["sendMessageToMembers.message.id"]!.GetValue<string>();
        await MailsAsync(subject, 2);

        var erased = await fixture.Client.PostAsync("mutation($input: EraseMemberInput!) { eraseMember(input: $input) { errors { code message } } }", new { input = new { memberId } }, admin);
        erased.UserErrors("eraseMember").ShouldBeEmpty(erased.Body);

        var kept = (await fixture.Client.DataAsync(Record, null, admin))["organiserMessages"]!["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == id)!;
        kept["sentBy"].ShouldBeNull();
        kept["senderAccountId"].ShouldBeNull();
        kept["senderErased"]!.GetValue<bool>().ShouldBeTrue();
        kept["recipientCount"]!.GetValue<int>().ShouldBe(2);
        kept["subject"]!.GetValue<string>().ShouldStartWith("A word from (erased) ");
        kept["body"]!.GetValue<string>().ShouldBe("Questions? Ask me, (erased), at (erased).");
        await PersonalDataScan.ShouldHoldNoneAsync(fixture.ConnectionString, [given, family, email]);
    }
}

/// <summary>With mail off (no Mail:Smtp:Host), organisers' messages are refused: nothing could deliver them.</summary>
public sealed class OrganiserMessageMailOffTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    [Fact]
    public async Task With_mail_off_sending_is_refused_and_the_preview_still_counts()
    {
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync());
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var count = await fixture.Client.PostAsync("query($segment: MessageSegmentInput!) { messageRecipientCount(segment: $segment) }", new { segment = new { branchId = branch } }, organiser.Token);
        count["messageRecipientCount"]!.GetValue<int>().ShouldBe(1);
        var sent = await fixture.Client.PostAsync("mutation($input: SendMessageToMembersInput!) { sendMessageToMembers(input: $input) { message { id } errors { code message } } }",
            new { input = new { segment = new { branchId = branch }, subject = "Hello", body = "Text" } }, organiser.Token);
        var error = sent.UserErrors("sendMessageToMembers").ShouldHaveSingleItem();
        error.Code.ShouldBe("MAIL_OFF");
        error.Message.ShouldContain("Mail:Smtp:Host");
        sent["sendMessageToMembers.message"].ShouldBeNull();
    }
}
