using JasperFx.Events;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>The states the application deciders are given, folded from events through the projections.</summary>
internal static class ApplicationGiven
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static ApplicantDetails Applicant(string email = "rosa@example.org") =>
        new("Rosa", "Worker", email, null, "E1 6AN", "Unite", "Bus garage", ["palestine"], null, new Money(5m, "GBP"), ContributionFrequency.Monthly);

    public static MembershipApplicationSubmitted Submitted(Guid id, Guid? branchId = null, Guid? previousMemberId = null) =>
        new(id, Applicant(), Now.AddDays(-1), previousMemberId, branchId);

    /// <summary>An application from its events (the submission is wrapped as Marten hands it to the projection's Create).</summary>
    public static MembershipApplication Application(MembershipApplicationSubmitted submitted, params object[] later) =>
        Given.Events<MembershipApplicationProjection, MembershipApplication>([Event.For(submitted), .. later]);

    public static MemberProfile Member(Guid id, params object[] later) =>
        Given.Events<MemberProfileProjection, MemberProfile>([
            new MembershipStarted(id, Guid.NewGuid(), Guid.NewGuid(), "Rosa", "Worker", "rosa@example.org", null, "E1 6AN", null, null, [],
                new Money(5m, "GBP"), ContributionFrequency.Monthly, Guid.Empty, Now.AddYears(-2)),
            .. later]);

    public static Actor Admin { get; } = new(Guid.NewGuid(), null, ["ADMIN"], []);

    /// <summary>An organiser by a grant on the branch (null: a token claiming ORGANISER without any grant, e.g. one just revoked).</summary>
    public static Actor Organiser(Guid? branchId) =>
        new(Guid.NewGuid(), Guid.NewGuid(), ["MEMBER", "ORGANISER"], branchId is { } b ? [new Grant(Guid.NewGuid(), "ORGANISER", GrantScopeKind.Branch, b, null)] : []);
}
