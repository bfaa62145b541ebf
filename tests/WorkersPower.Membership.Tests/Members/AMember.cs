using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
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

    public static Actor Self { get; } = new(Guid.NewGuid(), Id, ["MEMBER"], Branch);
    public static Actor Stranger { get; } = new(Guid.NewGuid(), Guid.NewGuid(), ["MEMBER"], Branch);
    public static Actor Organiser { get; } = new(Guid.NewGuid(), Guid.NewGuid(), ["MEMBER", "ORGANISER"], Branch);
    public static Actor OrganiserElsewhere { get; } = new(Guid.NewGuid(), Guid.NewGuid(), ["MEMBER", "ORGANISER"], OtherBranch);
    public static Actor Treasurer { get; } = new(Guid.NewGuid(), Guid.NewGuid(), ["MEMBER", "TREASURER"], OtherBranch);
    public static Actor Admin { get; } = new(Guid.NewGuid(), Guid.NewGuid(), ["MEMBER", "ADMIN"], OtherBranch);

    public static void ShouldBeDenied(this Decision decision) => decision.Forbidden.ShouldNotBeNull();

    public static void ShouldBeNotFound(this Decision decision) => decision.Errors.Single().Code.ShouldBe(ErrorCodes.NotFound);

    public static UserError Refusal(this Decision decision)
    {
        decision.Events.ShouldBeEmpty();
        return decision.Errors.ShouldHaveSingleItem();
    }
}
