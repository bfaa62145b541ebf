using WorkersPower.Campaigns.Actions;
using WorkersPower.Campaigns.SignUps;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;

namespace WorkersPower.Campaigns.Tests;

/// <summary>The sign-up list's pure rules: who sees which entries, which reads are recorded, and how an entry follows the events.</summary>
public sealed class SignUpRuleTests
{
    private static readonly Guid Me = Guid.NewGuid();
    private static readonly Guid Campaign = Guid.NewGuid(), BranchA = Guid.NewGuid(), BranchB = Guid.NewGuid();

    private static Caller Reader(params string[] roles) => new(Guid.NewGuid(), Me, roles);

    [Fact]
    public void Admins_see_everyone_whatever_their_branch()
    {
        SignUpAccess.ScopeOf(Reader(Roles.Admin), Campaign).ShouldBe(SignUpScope.Everyone);
        SignUpAccess.ScopeOf(Runners.Admin(), Campaign)!.SeesAll.ShouldBeTrue();
    }

    [Fact]
    public void The_campaigns_organisers_and_organisers_of_every_branch_see_everyone()
    {
        SignUpAccess.ScopeOf(Runners.OrganiserOf(Campaign), Campaign).ShouldBe(SignUpScope.Everyone);
        SignUpAccess.ScopeOf(Runners.OrganiserOf(Campaign).And(Runners.OnBranch(BranchA)), Campaign).ShouldBe(SignUpScope.Everyone);
        SignUpAccess.ScopeOf(Runners.OrganiserEverywhere(), Campaign).ShouldBe(SignUpScope.Everyone);
    }

    [Fact]
    public void An_organiser_of_branches_sees_the_members_of_those_branches_only()
    {
        SignUpAccess.ScopeOf(Runners.BranchOrganiser(BranchA), Campaign)!.Branches.ShouldBe([BranchA]);
        SignUpAccess.ScopeOf(Runners.BranchOrganiser(BranchA, BranchB), Campaign)!.Branches.ShouldBe([BranchA, BranchB]);
        // organising another campaign adds nothing here
        SignUpAccess.ScopeOf(Runners.OrganiserOf(Guid.NewGuid()).And(Runners.OnBranch(BranchB)), Campaign)!.Branches.ShouldBe([BranchB]);
    }

    [Fact]
    public void Everyone_else_is_refused()
    {
        SignUpAccess.ScopeOf(Runners.OrganiserOf(Guid.NewGuid()), Campaign).ShouldBeNull(); // another campaign's organiser
        SignUpAccess.ScopeOf(Reader(Roles.Member, Roles.Organiser), Campaign).ShouldBeNull(); // the role in the token, no grant (ended or never given)
        SignUpAccess.ScopeOf(Reader(Roles.Treasurer, Roles.Editor), Campaign).ShouldBeNull();
        SignUpAccess.ScopeOf(Reader(Roles.Member) with { Grants = [Runners.OrganisationWide(Roles.Treasurer)] }, Campaign).ShouldBeNull();
    }

    [Fact]
    public void Reads_of_the_readers_own_entry_and_of_erased_members_are_not_recorded()
    {
        var other = Guid.NewGuid();
        var erased = Guid.NewGuid();
        SignUpAccess.ReadsToRecord(Reader(Roles.Organiser), [Me, other, erased, other], new HashSet<Guid> { erased }).ShouldBe([other]);
    }

    private static readonly Guid ActionId = Guid.NewGuid();
    private static readonly Guid CampaignId = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    private static ActionSignUp? Run(params object[] events) => events.Aggregate((ActionSignUp?)null, ActionSignUp.Follow);

    [Fact]
    public void A_sign_up_starts_an_entry_at_its_time_and_a_withdrawal_keeps_the_time()
    {
        var member = Guid.NewGuid();
        var entry = Run(new SignedUpForAction(ActionId, CampaignId, member, T0), new WithdrewFromAction(ActionId, CampaignId, member, null, T0.AddHours(1)))!;
        entry.Id.ShouldBe(ActionSignUp.IdOf(ActionId, member));
        entry.Status.ShouldBe(SignUpStatus.Withdrawn);
        entry.SignedUpAt.ShouldBe(T0);
        entry.SortKey.ShouldBe(ActionSignUp.SortKeyOf(T0, member));
    }

    [Fact]
    public void Signing_up_again_after_withdrawing_takes_the_new_time()
    {
        var member = Guid.NewGuid();
        var entry = Run(new SignedUpForAction(ActionId, CampaignId, member, T0), new WithdrewFromAction(ActionId, CampaignId, member, null, T0.AddHours(1)),
            new SignedUpForAction(ActionId, CampaignId, member, T0.AddHours(2)))!;
        entry.Status.ShouldBe(SignUpStatus.SignedUp);
        entry.SignedUpAt.ShouldBe(T0.AddHours(2));
        entry.SortKey.ShouldBe(ActionSignUp.SortKeyOf(T0.AddHours(2), member));
    }

    [Fact]
    public void A_walk_in_is_an_attended_entry_at_the_check_in_time_and_attending_keeps_the_sign_up_time()
    {
        var walkIn = Guid.NewGuid();
        var entry = Run(new AttendeeCheckedIn(ActionId, CampaignId, walkIn, false, Guid.Empty, T0.AddDays(1)))!;
        (entry.Status, entry.SignedUpAt).ShouldBe((SignUpStatus.Attended, T0.AddDays(1)));

        var member = Guid.NewGuid();
        var attended = Run(new SignedUpForAction(ActionId, CampaignId, member, T0), new AttendeeCheckedIn(ActionId, CampaignId, member, true, Guid.Empty, T0.AddDays(1)),
            new WithdrewFromAction(ActionId, CampaignId, member, null, T0.AddDays(1)))!;
        (attended.Status, attended.SignedUpAt).ShouldBe((SignUpStatus.Attended, T0)); // attendance wins
    }

    /// <summary>
    /// SignUpForActionHandler writes the entry from the action (<see cref="ActionSignUp.AfterSignUp"/>) instead of the
    /// projection's <see cref="ActionSignUp.Follow"/> of the stored entry: after every order of up to six sign-ups,
    /// withdrawals and check-ins of one member, a sign-up leaves the same entry either way.
    /// </summary>
    [Fact]
    public void The_entry_a_sign_up_writes_from_the_action_is_the_one_the_projection_makes()
    {
        var member = Guid.NewGuid();
        var at = T0;
        object Next(int kind)
        {
            at = at.AddMinutes(7);
            return kind switch
            {
                0 => new SignedUpForAction(ActionId, CampaignId, member, at),
                1 => new WithdrewFromAction(ActionId, CampaignId, member, null, at),
                _ => new AttendeeCheckedIn(ActionId, CampaignId, member, false, Guid.Empty, at),
            };
        }
        var compared = 0;
        for (var length = 0; length <= 6; length++)
            for (var order = 0; order < (int)Math.Pow(3, length); order++)
            {
                var action = CampaignActionProjection.Create(new ActionScheduled(ActionId, CampaignId, ActionKind.Picket, "Picket", T0.AddDays(9), T0.AddDays(9).AddHours(2), "Gate", null, null, Guid.Empty, T0));
                ActionSignUp? entry = null;
                for (var (i, rest) = (0, order); i < length; i++, rest /= 3)
                {
                    var e = Next(rest % 3);
                    entry = ActionSignUp.Follow(entry, e);
                    Apply(action, e);
                }
                var signUp = (SignedUpForAction)Next(0);
                var projected = ActionSignUp.Follow(entry, signUp);
                var written = ActionSignUp.AfterSignUp(action, signUp);
                if (written is null) projected.ShouldBeSameAs(entry); // unchanged: nothing written
                else Shape(written).ShouldBe(Shape(projected!));
                compared++;
            }
        compared.ShouldBe(1093);
    }

    private static void Apply(CampaignAction action, object e)
    {
        switch (e)
        {
            case SignedUpForAction s: CampaignActionProjection.Apply(s, action); break;
            case WithdrewFromAction w: CampaignActionProjection.Apply(w, action); break;
            case AttendeeCheckedIn c: CampaignActionProjection.Apply(c, action); break;
        }
    }

    private static string Shape(ActionSignUp entry) => System.Text.Json.JsonSerializer.Serialize(entry);

    [Fact]
    public void A_withdrawal_without_a_sign_up_makes_no_entry_and_sort_keys_order_by_time_then_member()
    {
        var member = Guid.NewGuid();
        Run(new WithdrewFromAction(ActionId, CampaignId, member, null, T0)).ShouldBeNull();
        string.CompareOrdinal(ActionSignUp.SortKeyOf(T0, Guid.Parse("ffffffff-0000-0000-0000-000000000000")), ActionSignUp.SortKeyOf(T0.AddTicks(1), Guid.Empty)).ShouldBeLessThan(0);
        string.CompareOrdinal(ActionSignUp.SortKeyOf(T0, Guid.Empty), ActionSignUp.SortKeyOf(T0, Guid.Parse("00000000-0000-0000-0000-000000000001"))).ShouldBeLessThan(0);
        ActionSignUp.IdOf(ActionId, member).ShouldNotBe(Campaigns.CampaignParticipant.IdOf(ActionId, member));
    }
}
