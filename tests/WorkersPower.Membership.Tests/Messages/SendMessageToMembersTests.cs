using WorkersPower.Membership.Members;
using WorkersPower.Membership.Messages;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>sendMessageToMembers' rules, Given what the segment reaches / When the command / Then the message or a refusal: no database.</summary>
public sealed class SendMessageToMembersTests
{
    private static readonly Guid[] Three = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
    private static readonly Audience Reached = new Audience.Reached("Members of North London", Three);
    private static readonly MessageSegment ToBranch = new(Branch, null, null);

    private static SendMessageToMembers Send(MessageSegment? segment = null, string subject = "Strike meeting", string body = "Dear all,\r\nsee you Thursday.\n", Actor? by = null) =>
        new(segment ?? ToBranch, subject, body, by ?? Organiser);

    private static Decision Decide(SendMessageToMembers command, Audience? audience = null, int sentToday = 0, int perDay = 5, bool mailOn = true) =>
        command.Decide(audience ?? Reached, sentToday, perDay, mailOn, "North London", Now);

    private static string? FieldOf(Decision decision) => decision.Refusal().Field is { } f ? string.Join('.', f) : null;

    [Fact]
    public void A_message_to_the_reached_members_is_recorded_with_its_segment_count_and_text()
    {
        var sent = Decide(Send()).Events.OfType<OrganiserMessageSent>().ShouldHaveSingleItem();
        sent.Recipients.ShouldBe(Three);
        sent.Segment.ShouldBe("Members of North London");
        sent.SenderAccountId.ShouldBe(Organiser.AccountId);
        sent.SenderMemberId.ShouldBe(Organiser.MemberId);
        sent.SignedAs.ShouldBe("North London");
        sent.At.ShouldBe(Now);
        sent.Subject.ShouldBe("Strike meeting");
        sent.Body.ShouldBe("Dear all,\nsee you Thursday."); // line breaks as \n, nothing around it
        sent.MessageId.ShouldBe(OrganiserMessage.IdOf(Organiser.AccountId, DateOnly.FromDateTime(Now.UtcDateTime), 1));
    }

    [Fact]
    public void With_mail_off_nothing_is_sent() => Decide(Send(), mailOn: false).Refusal().Code.ShouldBe(SendMessageToMembers.MailOffCode);

    [Fact]
    public void The_segment_names_exactly_one_target()
    {
        FieldOf(Decide(Send(new MessageSegment(null, null, null)))).ShouldBe("input.segment");
        FieldOf(Decide(Send(new MessageSegment(Branch, Guid.NewGuid(), null)))).ShouldBe("input.segment");
        FieldOf(Decide(Send(new MessageSegment(null, Guid.NewGuid(), Guid.NewGuid())))).ShouldBe("input.segment");
    }

    [Fact]
    public void Standing_interest_and_arrears_narrow_a_branch_only()
    {
        Decide(Send(new MessageSegment(null, Guid.NewGuid(), null, Standing: MembershipStatus.Active))).Refusal().Code.ShouldBe(ErrorCodes.Validation);
        Decide(Send(new MessageSegment(null, null, Guid.NewGuid(), InArrears: true))).Refusal().Code.ShouldBe(ErrorCodes.Validation);
        Decide(Send(new MessageSegment(Branch, null, null, MembershipStatus.Lapsed, "palestine", false))).Accepted.ShouldBeTrue();
        FieldOf(Decide(Send(new MessageSegment(Branch, null, null, Interest: new string('x', 101))))).ShouldBe("input.segment.interest");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Two\nlines")]
    [InlineData("A bell \u0007")]
    public void The_subject_is_one_line_of_text(string subject) => FieldOf(Decide(Send(subject: subject))).ShouldBe("input.subject");

    [Fact]
    public void The_subject_is_at_most_200_characters()
    {
        Decide(Send(subject: new string('s', 200))).Accepted.ShouldBeTrue();
        FieldOf(Decide(Send(subject: new string('s', 201)))).ShouldBe("input.subject");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n \n")]
    [InlineData("Null \u0000 inside")]
    [InlineData("A non-character \uFFFF")]
    public void The_text_is_required_plain_text(string body) => FieldOf(Decide(Send(body: body))).ShouldBe("input.body");

    [Fact]
    public void The_text_is_at_most_20000_characters_with_line_breaks_and_tabs()
    {
        Decide(Send(body: "Line one\n\tindented\r\nline three")).Accepted.ShouldBeTrue();
        Decide(Send(body: new string('b', 20_000))).Accepted.ShouldBeTrue();
        FieldOf(Decide(Send(body: new string('b', 20_001)))).ShouldBe("input.body");
    }

    [Fact]
    public void A_branch_action_or_campaign_that_does_not_exist_is_not_found() =>
        Decide(Send(), new Audience.Unknown(MessageAudiences.NoSuchAction)).ShouldBeNotFound();

    [Fact]
    public void A_segment_the_sender_may_not_reach_is_forbidden() =>
        Decide(Send(), new Audience.Denied(MessageAudiences.NotTheirCampaign)).Forbidden.ShouldBe(MessageAudiences.NotTheirCampaign);

    [Fact]
    public void At_most_the_daily_limit_per_sender()
    {
        Decide(Send(), sentToday: 4, perDay: 5).Accepted.ShouldBeTrue();
        Decide(Send(), sentToday: 5, perDay: 5).Refusal().Code.ShouldBe(ErrorCodes.RateLimited);
        Decide(Send(), sentToday: 0, perDay: 0).Refusal().Code.ShouldBe(ErrorCodes.RateLimited);
    }

    [Fact]
    public void Nothing_is_sent_to_a_segment_where_nobody_accepts_email() =>
        Decide(Send(), new Audience.Reached("Members of North London", [])).Refusal().Code.ShouldBe(ErrorCodes.InvalidState);

    [Fact]
    public void Two_messages_at_the_same_moment_take_the_same_id_so_the_second_is_refused_by_the_database()
    {
        var first = Decide(Send()).Events.OfType<OrganiserMessageSent>().Single();
        var raced = Decide(Send(subject: "Another")).Events.OfType<OrganiserMessageSent>().Single();
        var next = Decide(Send(), sentToday: 1).Events.OfType<OrganiserMessageSent>().Single();
        var byAnother = Decide(Send(by: OrganiserElsewhere)).Events.OfType<OrganiserMessageSent>().Single();
        raced.MessageId.ShouldBe(first.MessageId);
        next.MessageId.ShouldNotBe(first.MessageId);
        byAnother.MessageId.ShouldNotBe(first.MessageId);
    }

    [Fact]
    public void Organisers_write_to_their_own_branch_admins_to_any()
    {
        MessageSegment.WhyNotBranch(Organiser, Branch).ShouldBeNull();
        MessageSegment.WhyNotBranch(OrganiserElsewhere, Branch).ShouldNotBeNull();
        MessageSegment.WhyNotBranch(Admin, Branch).ShouldBeNull();
        MessageSegment.WhyNotBranch(Treasurer, OtherBranch).ShouldNotBeNull();
        MessageSegment.WhyNotBranch(Self, Branch).ShouldNotBeNull();
        MessageSegment.WhyNotBranch(Organiser with { Grants = [] }, Branch).ShouldNotBeNull();
    }

    [Fact]
    public void The_mail_is_signed_with_an_organisers_branch_else_organisers()
    {
        SendMessageToMembers.SignatureOf(Organiser, "North London").ShouldBe("North London");
        SendMessageToMembers.SignatureOf(Organiser, null).ShouldBe("organisers");
        SendMessageToMembers.SignatureOf(Admin, "Leeds").ShouldBe("organisers"); // an admin writing elsewhere does not sign as their own branch
    }

    [Fact]
    public void The_segment_in_words_names_the_branch_and_the_filters()
    {
        new MessageSegment(Branch, null, null).DescribeBranch("North London").ShouldBe("Members of North London");
        new MessageSegment(Branch, null, null, MembershipStatus.Active, " palestine ", true).DescribeBranch("Leeds")
            .ShouldBe("Members of Leeds, standing ACTIVE, interest \"palestine\", in arrears");
        new MessageSegment(Branch, null, null, InArrears: false).DescribeBranch("Leeds").ShouldBe("Members of Leeds, paid up");
    }

    [Fact]
    public void The_query_of_who_accepts_email_agrees_with_the_member_record()
    {
        var accepts = MemberConditions.AcceptsEmail.Compile();
        MemberProfile[] members =
        [
            With(),
            With(new CommunicationPreferencesChanged(Id, false, true, true, Self.AccountId, Now)),
            With(new MembershipResigned(Id, null, Self.AccountId, Now)),
            With(new MembershipSuspended(Id, "Reason", Admin.AccountId, Now)),
            Erased,
        ];
        foreach (var member in members) accepts(member).ShouldBe(member.AcceptsEmail);
        members.Count(m => m.AcceptsEmail).ShouldBe(2);
    }

    [Fact]
    public void The_senders_erasure_masks_their_names_and_addresses_in_whole_words_only()
    {
        var message = new OrganiserMessage
        {
            SenderAccountId = Guid.NewGuid(), SenderMemberId = Id, Subject = "From Rosa",
            Body = "Also: call ROSA Worker on 020 7946 0000 or rosa@example.org. Rosalind stays.",
        };
        message.ForgetSender(["Rosa", "Worker", "Rosa Worker", "020 7946 0000", "rosa@example.org"]);
        message.SenderAccountId.ShouldBeNull();
        message.SenderMemberId.ShouldBeNull();
        message.SenderErased.ShouldBeTrue();
        message.Subject.ShouldBe("From (erased)");
        message.Body.ShouldBe("Also: call (erased) on (erased) or (erased). Rosalind stays.");
    }
}
