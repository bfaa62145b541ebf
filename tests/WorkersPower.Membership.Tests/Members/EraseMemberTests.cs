using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>eraseMember's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class EraseMemberTests
{
    [Fact]
    public void An_admin_erases_a_members_data() =>
        new EraseMember(Id, Admin).Decide(With(), Now).Events.ShouldBe([new MemberDataErased(Id, Admin.AccountId, Now)]);

    [Fact]
    public void Only_admins_erase() => new EraseMember(Id, Organiser).Decide(With(), Now).ShouldBeDenied();

    [Fact]
    public void Not_twice() => new EraseMember(Id, Admin).Decide(Erased, Now).Refusal().Message.ShouldBe("This member's data was erased already.");

    [Fact]
    public void Not_ones_own_record() =>
        new EraseMember(Id, Self with { Roles = ["MEMBER", "ADMIN"] }).Decide(With(), Now).Refusal().Code.ShouldBe(ErrorCodes.InvalidState);

    [Fact]
    public void An_unknown_member_is_not_found() => new EraseMember(Id, Admin).Decide(null, Now).ShouldBeNotFound();
}
