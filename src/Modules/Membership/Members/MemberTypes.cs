namespace WorkersPower.Membership.Members;

public sealed class MembershipStatusEnum : EnumerationGraphType<MembershipStatus>
{
    public MembershipStatusEnum()
    {
        Name = "MembershipStatus";
        Description = "A member's standing.";
    }
}

public sealed class ContributionFrequencyEnum : EnumerationGraphType<ContributionFrequency>
{
    public ContributionFrequencyEnum()
    {
        Name = "ContributionFrequency";
        Description = "How often a pledged contribution is paid.";
    }
}

public sealed class RoleEnum : EnumerationGraphType<Role>
{
    public RoleEnum()
    {
        Name = "Role";
        Description = "What an account may do, each role held by a grant on a scope (MEMBER: by being a member): ORGANISER (applications, members, campaigns of the branches granted, or of every branch), " +
            "CAMPAIGN_ORGANISER (one campaign: its actions, check-in and its participants' names), TREASURER (contributions of the branches granted, or of every branch), EDITOR (content), ADMIN (everything).";
    }
}

public sealed record MemberEvent(string Type, DateTimeOffset OccurredAt, string Summary, long Version);

public sealed class MemberEventType : ObjectGraphType<MemberEvent>
{
    public MemberEventType()
    {
        Name = "MemberEvent";
        Description = "One change in a member's record.";
        Field(x => x.Type).Description("What happened, e.g. JOINED, ACCOUNT_ACTIVATED.");
        Field(x => x.OccurredAt).Description("When it happened.");
        Field(x => x.Summary).Description("A sentence for people.");
    }
}
