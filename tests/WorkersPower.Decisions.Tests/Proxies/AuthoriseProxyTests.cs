using WorkersPower.Decisions.Meetings;
using WorkersPower.Decisions.Proxies;
using WorkersPower.Platform;
using static WorkersPower.Decisions.Tests.Meetings.Scenes;

namespace WorkersPower.Decisions.Tests.Proxies;

/// <summary>authoriseProxy's rules: no database.</summary>
public sealed class AuthoriseProxyTests
{
    private static readonly Caller Convenor = Organiser(Branch);
    private static readonly Guid ProxyId = Guid.NewGuid();

    [Fact]
    public void A_member_of_the_scope_authorises_another_and_the_latest_replaces_the_earlier()
    {
        var meeting = Meeting(Convenor, Branch);
        var (grantor, holder, other) = (Member(), Member(), Member());
        var decision = new AuthoriseProxy(meeting.Id, holder.MemberId!.Value, grantor).Decide(meeting, InGoodStanding(grantor), InGoodStanding(holder), ProxyId, Now);
        decision.Events.ShouldBe([new ProxyAuthorised(meeting.Id, ProxyId, grantor.MemberId!.Value, holder.MemberId.Value, Now)]);
        var replaced = Meeting(Convenor, Branch, 1, decision.Events[0], new ProxyAuthorised(meeting.Id, Guid.NewGuid(), grantor.MemberId.Value, other.MemberId!.Value, Now));
        replaced.Proxies.Select(p => (p.GrantorMemberId, p.HolderMemberId)).ShouldBe([(grantor.MemberId.Value, other.MemberId.Value)]);
        replaced.ProxiesHeldBy(other.MemberId.Value).ShouldBe([grantor.MemberId.Value]);
        replaced.ProxiesHeldBy(holder.MemberId.Value).ShouldBeEmpty();
        new AuthoriseProxy(meeting.Id, other.MemberId.Value, grantor).Decide(replaced, InGoodStanding(grantor), InGoodStanding(other), ProxyId, Now).ShouldBe(Decision.Unchanged);
    }

    [Fact]
    public void Both_are_members_in_good_standing_of_the_scope_and_not_the_same()
    {
        var meeting = Meeting(Convenor, Branch);
        var (grantor, holder) = (Member(), Member());
        Decision When(Caller by, Membership.Contracts.ElectorStanding? mine, Guid to, Membership.Contracts.ElectorStanding? theirs, Meeting? m = null) =>
            new AuthoriseProxy(meeting.Id, to, by).Decide(m ?? meeting, mine, theirs, ProxyId, Now);
        When(grantor, InGoodStanding(grantor, OtherBranch), holder.MemberId!.Value, InGoodStanding(holder)).Forbidden.ShouldNotBeNull();
        When(grantor, Lapsed(grantor), holder.MemberId!.Value, InGoodStanding(holder)).Forbidden.ShouldNotBeNull();
        Fields(When(grantor, InGoodStanding(grantor), holder.MemberId!.Value, InGoodStanding(holder, OtherBranch))).ShouldBe(["input.holderMemberId"]);
        Fields(When(grantor, InGoodStanding(grantor), holder.MemberId!.Value, Lapsed(holder))).ShouldBe(["input.holderMemberId"]);
        Fields(When(grantor, InGoodStanding(grantor), holder.MemberId!.Value, null)).ShouldBe(["input.holderMemberId"]);
        Fields(When(grantor, InGoodStanding(grantor), grantor.MemberId!.Value, InGoodStanding(grantor))).ShouldBe(["input.holderMemberId"]);
        var closed = Meeting(Convenor, Branch, 1, new MeetingClosed(Guid.Empty, Convenor.AccountId, Now));
        When(grantor, InGoodStanding(grantor), holder.MemberId!.Value, InGoodStanding(holder), closed).Errors.Single().Code.ShouldBe(ErrorCodes.InvalidState);
        // the whole organisation's meeting: members of any branch
        When(grantor, InGoodStanding(grantor), holder.MemberId!.Value, InGoodStanding(holder, OtherBranch), Meeting(Organiser(), null)).Accepted.ShouldBeTrue();
    }
}
