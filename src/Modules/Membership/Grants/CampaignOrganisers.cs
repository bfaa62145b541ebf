namespace WorkersPower.Membership.Grants;

/// <summary>
/// Membership's answer to <see cref="ICampaignOrganisers"/>: the members holding an active CAMPAIGN_ORGANISER grant on a
/// campaign now, in the order they were granted it (ids only: the asker shows names from its own copy).
/// </summary>
internal sealed class CampaignOrganisers(IMembershipStore store, TimeProvider clock) : ICampaignOrganisers
{
    public async Task<IReadOnlyList<Guid>> MemberIdsAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var grants = await session.Query<RoleGrant>()
            .Where(g => g.Role == GrantRoles.CampaignOrganiser && g.Scope.Id == campaignId)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return grants.Where(g => g.Scope.Kind == GrantScopeKind.Campaign && g.ActiveAt(now))
            .OrderBy(g => g.From).ThenBy(g => g.Id).Select(g => g.MemberId).Distinct().ToList();
    }
}
