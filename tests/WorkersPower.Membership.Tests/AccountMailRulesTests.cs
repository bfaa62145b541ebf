using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Mail;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.ApplicationGiven;

namespace WorkersPower.Membership.Tests;

/// <summary>Who applyForMembership and requestPasswordReset mail, Given what the address belongs to: no database.</summary>
public sealed class AccountMailRulesTests
{
    private static readonly ApplyForMembership Apply = new("Rosa", "Worker", "rosa@example.org", null, "E1 6AN", null, null, [], null, true,
        new Money(10m, "GBP"), ContributionFrequency.Monthly, true);

    private static object? MailFor(bool waiting, MemberProfile? member)
    {
        var decision = Apply.Decide(branchExists: true, waiting, member, Guid.NewGuid(), Now);
        return Apply.MailFor(decision, waiting, member);
    }

    [Fact]
    public void A_stored_application_is_acknowledged_to_its_applicant()
    {
        var decision = Apply.Decide(true, false, null, Guid.NewGuid(), Now);
        var submitted = decision.Events.OfType<MembershipApplicationSubmitted>().Single();
        Apply.MailFor(decision, false, null).ShouldBe(new SendApplicationReceivedMail(submitted.ApplicationId));
        // a resigned member's application renews their record: it is stored and acknowledged as any other
        MailFor(false, Member(Guid.NewGuid(), new MembershipResigned(Guid.Empty, null, Guid.Empty, Now))).ShouldBeOfType<SendApplicationReceivedMail>();
    }

    [Fact]
    public void A_current_members_address_tells_the_member_instead()
    {
        var id = Guid.NewGuid();
        MailFor(false, Member(id)).ShouldBe(new SendAlreadyAMemberMail(id));
        MailFor(false, Member(id, new MembershipSuspended(id, "Rules", Guid.Empty, Now))).ShouldBe(new SendAlreadyAMemberMail(id));
    }

    [Fact]
    public void An_address_with_an_application_waiting_gets_no_second_mail_nor_does_a_refused_application()
    {
        MailFor(true, null).ShouldBeNull();
        var invalid = Apply with { AcceptsProgramme = false };
        invalid.MailFor(invalid.Decide(true, false, Member(Guid.NewGuid()), Guid.NewGuid(), Now), false, Member(Guid.NewGuid())).ShouldBeNull();
    }

    [Fact]
    public void A_reset_link_goes_to_an_account_that_can_sign_in_or_was_invited()
    {
        var request = new RequestPasswordReset("Rosa@Example.org");
        request.EmailKey.ShouldBe("rosa@example.org");
        var active = new Account { Id = Guid.NewGuid(), PasswordHash = "hash" };
        var invited = new Account { Id = Guid.NewGuid(), InvitationExpiresAt = Now.AddDays(-1) }; // even an invitation run out
        request.Decide(active, null).ShouldBe(new SendPasswordResetMail(active.Id));
        request.Decide(invited, Member(Guid.NewGuid())).ShouldBe(new SendPasswordResetMail(invited.Id));
    }

    [Fact]
    public void No_reset_link_goes_to_no_account_a_bare_one_or_a_member_who_may_not_sign_in()
    {
        var request = new RequestPasswordReset("rosa@example.org");
        var active = new Account { Id = Guid.NewGuid(), PasswordHash = "hash" };
        request.Decide(null, null).ShouldBeNull();
        request.Decide(new Account { Id = Guid.NewGuid() }, null).ShouldBeNull();
        request.Decide(active, Member(Guid.NewGuid(), new MembershipSuspended(Guid.Empty, "Rules", Guid.Empty, Now))).ShouldBeNull();
        request.Decide(active, Member(Guid.NewGuid(), new MembershipResigned(Guid.Empty, null, Guid.Empty, Now))).ShouldBeNull();
        new RequestPasswordReset("not an address").EmailKey.ShouldBeNull();
    }

    [Fact]
    public void Addresses_are_shown_half_hidden()
    {
        MembershipMail.Masked("rosa.worker@example.org").ShouldBe("r***@example.org");
        MembershipMail.Masked("r@example.org").ShouldBe("r***@example.org");
        MembershipMail.Masked("nonsense").ShouldBe("***");
    }
}
