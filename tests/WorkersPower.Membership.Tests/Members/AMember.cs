using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>The "given" of the members' decider tests: a member folded from events, and the people who act on them.</summary>
internal static class AMember
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    public static readonly Guid Id = Guid.NewGuid(), Branch = Guid.NewGuid(), OtherBranch = Guid.NewGuid();

    /// <summary>Rosa Worker joined <paramref name="monthsAgo"/> months ago pledging 10 GBP a month, paying nothing since.</summary>
    public static MembershipStarted Started(int monthsAgo = 0) =>
        new(Id, Guid.NewGuid(), Branch, "Rosa", "Worker", "rosa@example.org", "020 7946 0000", "E1 6AN", "Unite", "The depot", ["housing"],
            new Money(10m, "GBP"), ContributionFrequency.Monthly, Guid.NewGuid(), Now.AddMonths(-monthsAgo));

    /// <summary>The member as the projection makes them of their start and <paramref name="more"/>.</summary>
    public static MemberProfile With(params object[] more) => Given.Events<MemberProfileProjection, MemberProfile>([Started(), .. more]);

    public static MemberProfile JoinedMonthsAgo(int months, params object[] more) => Given.Events<MemberProfileProjection, MemberProfile>([Started(months), .. more]);

    public static MemberProfile Erased => With(new MemberDataErased(Id, Guid.NewGuid(), Now));

    public static Actor Self { get; } = new(Guid.NewGuid(), Id, ["MEMBER"], []);
    public static Actor Stranger { get; } = new(Guid.NewGuid(), Guid.NewGuid(), ["MEMBER"], []);
    /// <summary>An organiser of the member's branch (by a grant on it).</summary>
    public static Actor Organiser { get; } = OrganiserOf(Branch);
    /// <summary>An organiser of another branch only.</summary>
    public static Actor OrganiserElsewhere { get; } = OrganiserOf(OtherBranch);
    /// <summary>An organiser of two branches, the member's one of them.</summary>
    public static Actor OrganiserOfBoth { get; } = OrganiserOf(OtherBranch, Branch);
    /// <summary>An organiser of every branch (an organisation-wide grant).</summary>
    public static Actor OrganiserEverywhere { get; } = Holding(GrantOn(Roles.Organiser, null));
    /// <summary>A treasurer of every branch.</summary>
    public static Actor Treasurer { get; } = Holding(GrantOn(Roles.Treasurer, null));
    /// <summary>A treasurer of another branch than the member's.</summary>
    public static Actor TreasurerElsewhere { get; } = Holding(GrantOn(Roles.Treasurer, OtherBranch));
    public static Actor Admin { get; } = new(Guid.NewGuid(), Guid.NewGuid(), ["MEMBER", "ADMIN"], [new Grant(Guid.NewGuid(), Roles.Admin, GrantScopeKind.Organisation, null, null)]);

    public static Actor OrganiserOf(params Guid[] branches) => Holding([.. branches.Select(b => GrantOn(Roles.Organiser, b))]);

    /// <summary>A member holding these grants (their token's roles: MEMBER and the grants' roles).</summary>
    public static Actor Holding(params Grant[] grants) =>
        new(Guid.NewGuid(), Guid.NewGuid(), ["MEMBER", .. grants.Select(g => g.Role).Distinct()], grants);

    /// <summary>A grant of the role on the branch (null: on the whole organisation), without end.</summary>
    public static Grant GrantOn(string role, Guid? branch) =>
        new(Guid.NewGuid(), role, branch is null ? GrantScopeKind.Organisation : GrantScopeKind.Branch, branch, null);

    public static void ShouldBeDenied(this Decision decision) => decision.Forbidden.ShouldNotBeNull();

    public static void ShouldBeNotFound(this Decision decision) => decision.Errors.Single().Code.ShouldBe(ErrorCodes.NotFound);

    public static UserError Refusal(this Decision decision)
    {
        decision.Events.ShouldBeEmpty();
        return decision.Errors.ShouldHaveSingleItem();
    }
}
