namespace WorkersPower.Membership.Grants;

/// <summary>
/// The rule of <see cref="GrantCampaignOrganiser"/> (Campaigns' command: a launcher, or the migration of a campaign's
/// launcher and schedulers): CAMPAIGN_ORGANISER on the campaign, without end, granted once.
/// </summary>
public static class CampaignOrganiserGrant
{
    /// <summary>
    /// The grant's id: one per (member, campaign), as <see cref="LegacyRoles.GrantIdOf"/> makes it, so a message that
    /// arrives twice (the launch's in-process call and its outbox copy; a migration run again) finds the same stream,
    /// and a copy arriving late never grants again what an admin revoked in between.
    /// </summary>
    public static Guid IdOf(Guid memberId, Guid campaignId) =>
        LegacyRoles.GrantIdOf(memberId, GrantRoles.CampaignOrganiser, GrantScope.OfCampaign(campaignId));

    /// <summary>
    /// The rules: nothing for a member missing, erased or without an account (grants reach people through their
    /// tokens); nothing when this grant's stream exists (whatever became of it) or the member holds an active
    /// CAMPAIGN_ORGANISER grant on the campaign already; with <see cref="GrantCampaignOrganiser.OnlyIfOrganiser"/>,
    /// nothing unless the member holds ORGANISER or ADMIN, on the account (the roles of before grants) or by an
    /// active grant (on any scope). Otherwise the grant, from now, without end, by <see cref="GrantCampaignOrganiser.By"/>.
    /// </summary>
    /// <param name="grants">The member's grants, active or not.</param>
    public static Decision Decide(GrantCampaignOrganiser command, MemberProfile? member, Account? account, IEnumerable<RoleGrant> grants, DateTimeOffset now)
    {
        if (member is not { Erased: false } || account is null) return Decision.Unchanged;
        var id = IdOf(command.MemberId, command.CampaignId);
        var scope = GrantScope.OfCampaign(command.CampaignId);
        var all = grants.ToList();
        if (all.Any(g => g.Id == id || (g.Grants(GrantRoles.CampaignOrganiser, scope) && g.ActiveAt(now)))) return Decision.Unchanged;
        if (command.OnlyIfOrganiser && !HoldsOrganiserOrAdmin(account, all, now)) return Decision.Unchanged;
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : TextRules.Clean(command.Reason);
        return Decision.Accept(new RoleGranted(id, member.Id, GrantRoles.CampaignOrganiser, scope, now, null, command.By, reason, now));
    }

    private static bool HoldsOrganiserOrAdmin(Account account, IEnumerable<RoleGrant> grants, DateTimeOffset now) =>
        account.Roles.Contains(Roles.Organiser) || account.Roles.Contains(Roles.Admin)
        || grants.Any(g => g.Role is Roles.Organiser or Roles.Admin && g.ActiveAt(now));
}

public static class GrantCampaignOrganiserHandler
{
    /// <summary>
    /// Loads the member, their account and grants in one round trip, decides, records the grant and drops this node's
    /// cached token answer for the account, so the member's next request here holds it (other nodes: within the
    /// token check's few seconds). Two copies racing (the launch's call and its outbox copy) start the same stream:
    /// the second finds it taken, which is the answer it wanted.
    /// </summary>
    public static async Task Handle(GrantCampaignOrganiser command, IDocumentSession session, TimeProvider clock, AccountTokenCheck tokens, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var member = batch.Load<MemberProfile>(command.MemberId);
        var account = batch.Query<Account>().Where(a => a.MemberId == command.MemberId).ToList();
        var grants = batch.Query<RoleGrant>().Where(g => g.MemberId == command.MemberId).ToList();
        await batch.Execute(ct);
        var accounts = await account;
        var accountFound = accounts.Count > 0 ? accounts[0] : null;
        var decision = CampaignOrganiserGrant.Decide(command, await member, accountFound, await grants, clock.GetUtcNow());
        if (decision.Events is not [RoleGranted granted]) return;
        session.Events.StartStream<RoleGrant>(granted.GrantId, granted);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is Marten.Exceptions.ExistingStreamIdCollisionException || DatabaseErrors.IsUniqueViolation(e))
        {
            // the other copy recorded it a moment ago: nothing left to write
            session.EjectAllPendingChanges();
        }
        tokens.Forget(accountFound!.Id);
    }
}
