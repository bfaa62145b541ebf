using Marten.Events.Aggregation;
using WorkersPower.Membership.Applications;
using WorkersPower.Platform.GraphQL;

namespace WorkersPower.Membership.Members;

/// <summary>A member as the platform shows them (an inline projection of the member's stream).</summary>
public sealed class MemberProfile
{
    public Guid Id { get; set; }
    [Marten.Schema.Version]
    public long Version { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid BranchId { get; set; }
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Phone { get; set; }
    public string Postcode { get; set; } = "";
    public MembershipStatus Status { get; set; }
    public DateOnly JoinedOn { get; set; }
    public string? Union { get; set; }
    public string? Workplace { get; set; }
    public List<string> Interests { get; set; } = [];
    public string? Availability { get; set; }
    public Money? Contribution { get; set; }
    public ContributionFrequency? ContributionFrequency { get; set; }
    public bool AccountActive { get; set; }

    public string DisplayName => $"{GivenName} {FamilyName}";
}

public sealed class MemberProfileProjection : SingleStreamProjection<MemberProfile, Guid>
{
    public static MemberProfile Create(MembershipStarted e) => new()
    {
        Id = e.MemberId,
        ApplicationId = e.ApplicationId,
        BranchId = e.BranchId,
        GivenName = e.GivenName,
        FamilyName = e.FamilyName,
        Email = e.Email,
        Phone = e.Phone,
        Postcode = e.Postcode,
        Status = MembershipStatus.Active,
        JoinedOn = DateOnly.FromDateTime(e.StartedAt.UtcDateTime),
        Union = e.Union,
        Workplace = e.Workplace,
        Interests = [.. e.Interests],
        Contribution = e.Contribution,
        ContributionFrequency = e.ContributionFrequency,
    };

    public static void Apply(AccountActivated _, MemberProfile member) => member.AccountActive = true;
}
