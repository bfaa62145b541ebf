namespace WorkersPower.Campaigns.Members;

/// <summary>
/// Campaigns' own copy of what it needs about a member (display name, branch, standing), kept from
/// Membership's contract messages; Campaigns never reads Membership's tables.
/// </summary>
public sealed class CampaignMember
{
    public Guid Id { get; set; }
    public string DisplayName { get; set; } = "";
    public Guid BranchId { get; set; }
    public MemberStanding Standing { get; set; }
    public bool Erased { get; set; }

    /// <summary>When the name, the branch and the standing were last set (the instant on the message that set each):
    /// a message older than the one already applied is ignored, as messages may arrive in any order.</summary>
    public DateTimeOffset NameAt { get; set; }

    public DateTimeOffset BranchAt { get; set; }

    public DateTimeOffset StandingAt { get; set; }

    public const string ErasedName = "Erased member";

    public void Name(string displayName, DateTimeOffset at)
    {
        if (Erased || at < NameAt) return;
        DisplayName = displayName;
        NameAt = at;
    }

    public void Branch(Guid branchId, DateTimeOffset at)
    {
        if (at < BranchAt) return;
        BranchId = branchId;
        BranchAt = at;
    }

    public void Stand(MemberStanding standing, DateTimeOffset at)
    {
        if (at < StandingAt) return;
        Standing = standing;
        StandingAt = at;
    }
}

/// <summary>Withdraws a member from an action because their membership ended.</summary>
public sealed record WithdrawMemberFromFutureActions(Guid MemberId, string Reason);

/// <summary>Handles Membership's contract messages (each idempotent: safe to receive twice).</summary>
public static class MembershipEventsHandler
{
    public static async Task Handle(MemberJoined e, IDocumentSession session, CancellationToken ct)
    {
        var member = await session.LoadAsync<CampaignMember>(e.MemberId, ct) ?? new CampaignMember { Id = e.MemberId };
        if (member.Erased) return;
        member.Name(e.DisplayName, e.JoinedAt);
        member.Branch(e.BranchId, e.JoinedAt);
        member.Stand(MemberStanding.Active, e.JoinedAt);
        session.Store(member);
    }

    /// <summary>A rename heard before the join makes the copy (the join, older, then leaves the new name alone).</summary>
    public static async Task Handle(MemberRenamed e, IDocumentSession session, CancellationToken ct)
    {
        var member = await session.LoadAsync<CampaignMember>(e.MemberId, ct) ?? new CampaignMember { Id = e.MemberId };
        if (member.Erased) return;
        member.Name(e.DisplayName, e.At);
        session.Store(member);
    }

    public static async Task Handle(MemberTransferredBranch e, IDocumentSession session, CancellationToken ct)
    {
        var member = await session.LoadAsync<CampaignMember>(e.MemberId, ct) ?? new CampaignMember { Id = e.MemberId };
        if (member.Erased) return;
        member.Branch(e.ToBranchId, e.At);
        session.Store(member);
    }

    public static async Task<object?> Handle(MemberStandingChanged e, IDocumentSession session, CancellationToken ct)
    {
        var member = await session.LoadAsync<CampaignMember>(e.MemberId, ct) ?? new CampaignMember { Id = e.MemberId };
        member.Stand(e.Standing, e.At);
        session.Store(member);
        return e.Standing is MemberStanding.Resigned or MemberStanding.Suspended
            ? new WithdrawMemberFromFutureActions(e.MemberId, e.Standing == MemberStanding.Resigned ? "The member resigned." : "The member was suspended.")
            : null;
    }

    public static async Task<WithdrawMemberFromFutureActions> Handle(MemberErased e, IDocumentSession session, CancellationToken ct)
    {
        var member = await session.LoadAsync<CampaignMember>(e.MemberId, ct) ?? new CampaignMember { Id = e.MemberId };
        member.Erased = true;
        member.DisplayName = CampaignMember.ErasedName;
        session.Store(member);
        // the notices told the member about their own actions: they go with the rest of what is personal
        session.DeleteWhere<MemberNotice>(n => n.MemberId == e.MemberId);
        return new WithdrawMemberFromFutureActions(e.MemberId, "The member's data was erased.");
    }

    /// <summary>Withdraws the member from every action that has not started and is not cancelled.</summary>
    public static async Task Handle(WithdrawMemberFromFutureActions command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var actions = await session.Query<CampaignAction>()
            .Where(a => a.StartsAt > now && a.Status == ActionStatus.Scheduled && a.SignedUp.Contains(command.MemberId))
            .ToListAsync(ct);
        foreach (var action in actions)
        {
            var stream = await session.Events.FetchForWriting<CampaignAction>(action.Id, ct);
            if (stream.Aggregate is { } a && a.SignedUp.Contains(command.MemberId))
                stream.AppendOne(new WithdrewFromAction(a.Id, a.CampaignId, command.MemberId, command.Reason, now));
        }
    }
}
