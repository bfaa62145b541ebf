namespace WorkersPower.Membership.Messages;

[Description("Whom an organisers' message goes to: exactly one of branchId, actionId and campaignId. standing, interest and inArrears narrow a branch's members. Only members who accept email are counted and receive it.")]
public sealed record MessageSegmentInput
{
    [Id, Description("The members of this branch (organisers: a branch they organise; admins: any).")]
    public string? BranchId { get; init; }

    [Id, Description("The people signed up for this action (withdrawn ones left out, attendees in): for the organisers of its campaign and admins.")]
    public string? ActionId { get; init; }

    [Id, Description("The people signed up for any action of this campaign: for its organisers and admins.")]
    public string? CampaignId { get; init; }

    [InputType(typeof(MembershipStatusEnum)), Description("With branchId: only members with this standing.")]
    public MembershipStatus? Standing { get; init; }

    [Description("With branchId: only members with this interest (exact, e.g. \"palestine\").")]
    public string? Interest { get; init; }

    [Description("With branchId: true, only members at least a month in arrears; false, only those paid up.")]
    public bool? InArrears { get; init; }

    /// <summary>The segment the input names (an id of another type names nothing: found as no such branch, action or campaign).</summary>
    public MessageSegment ToSegment() => new(
        BranchId is null ? null : GlobalId.TryDecode(BranchId, BranchType.TypeName) ?? Guid.Empty,
        ActionId is null ? null : GlobalId.TryDecode(ActionId, "CampaignAction") ?? Guid.Empty,
        CampaignId is null ? null : GlobalId.TryDecode(CampaignId, "Campaign") ?? Guid.Empty,
        Standing, Interest, InArrears);
}

/// <summary>
/// Whom an organisers' message goes to: the members of a branch (narrowed by standing, interest and arrears, with
/// <see cref="MemberConditions"/>), or the people signed up for an action, or for any action of a campaign.
/// </summary>
public sealed record MessageSegment(Guid? BranchId, Guid? ActionId, Guid? CampaignId, MembershipStatus? Standing = null, string? Interest = null, bool? InArrears = null)
{
    public const int InterestMax = 100;

    /// <summary>Why this is not a segment (null: it is): exactly one target; the filters narrow a branch only.</summary>
    public UserError? Problem
    {
        get
        {
            var targets = (BranchId is null ? 0 : 1) + (ActionId is null ? 0 : 1) + (CampaignId is null ? 0 : 1);
            if (targets != 1)
                return UserError.Validation("input.segment", "Give exactly one of branchId, actionId and campaignId.");
            if (BranchId is null && (Standing is not null || Interest is not null || InArrears is not null))
                return UserError.Validation("input.segment", "standing, interest and inArrears narrow a branch's members: give them with branchId only.");
            var rules = new TextRules("input.segment");
            rules.Optional("interest", Interest, InterestMax, "The interest");
            return rules.Ok ? null : rules.Errors[0];
        }
    }

    /// <summary>
    /// Whether the actor may write to the members of <paramref name="branchId"/> (null: they may): admins to any
    /// branch; an organiser to a branch they organise (by a grant on it or on the whole organisation).
    /// </summary>
    public static string? WhyNotBranch(Actor actor, Guid branchId) =>
        actor.OrganisesBranch(branchId) ? null
        : !actor.OrganisesSomeBranch ? "Only organisers and admins write to members."
        : "Organisers write only to the members of the branches they organise.";

    /// <summary>The segment in words, with the branch's name (no personal data): e.g. <c>Members of North London, standing ACTIVE, in arrears</c>.</summary>
    public string DescribeBranch(string branchName)
    {
        var parts = new List<string> { $"Members of {branchName}" };
        if (Standing is { } s) parts.Add($"standing {s.ToString().ToUpperInvariant()}");
        if (!string.IsNullOrWhiteSpace(Interest)) parts.Add($"interest \"{Interest.Trim()}\"");
        if (InArrears is { } a) parts.Add(a ? "in arrears" : "paid up");
        return string.Join(", ", parts);
    }
}

/// <summary>What a segment reaches for a sender, as <c>MessageAudiences</c> found it.</summary>
public abstract record Audience
{
    /// <summary>The members who accept email (ids only) and the segment in words.</summary>
    public sealed record Reached(string Description, IReadOnlyList<Guid> Recipients) : Audience
    {
        public override string ToString() => $"{nameof(Reached)} {Recipients.Count}";
    }

    /// <summary>No such branch, action or campaign.</summary>
    public sealed record Unknown(UserError Why) : Audience;

    /// <summary>The sender may not write to these members.</summary>
    public sealed record Denied(string Why) : Audience;
}
