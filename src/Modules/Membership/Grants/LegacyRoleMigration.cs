using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkersPower.Membership.Grants;

/// <summary>That the migration of today's roles to grants ran (its one document, so it runs once).</summary>
public sealed class LegacyRoleMigrationRecord
{
    public const string Key = "legacy-roles-to-grants";

    public string Id { get; set; } = Key;
    public DateTimeOffset RanAt { get; set; }

    /// <summary>How many grants it recorded (counts only: nothing about whom).</summary>
    public int Grants { get; set; }

    public int Accounts { get; set; }
}

/// <summary>
/// At start-up, before the host answers requests (a hosted service, started after the module's store has applied its
/// schema): every member account's roles become grants by <see cref="LegacyRoles.ToGrants"/> (ORGANISER on the member's
/// own branch, the others organisation-wide; CAMPAIGN_ORGANISER is Campaigns' to migrate, through
/// GrantCampaignOrganiser), each starting when the member's record says the role was granted. It runs once: it records
/// <see cref="LegacyRoleMigrationRecord"/>, and the grants' ids derive from (member, role, scope), so a run on two nodes
/// at once, or again after a failure, grants nothing twice. Accounts without a member record (the bootstrap admin) keep
/// their roles: they are not grants. Applications without a branch need nothing: every organiser sees pending ones.
/// </summary>
internal sealed partial class LegacyRoleMigration(IMembershipStore store, TimeProvider clock, ILogger<LegacyRoleMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<LegacyRoleMigrationRecord>(LegacyRoleMigrationRecord.Key, cancellationToken) is not null) return;
        var now = clock.GetUtcNow();
        var accounts = (await session.Query<Account>().Where(a => a.MemberId != null).ToListAsync(cancellationToken))
            .Where(a => a.Roles.Any(r => r != Roles.Member)).ToList();
        var members = accounts.Count == 0 ? [] : (await session.LoadManyAsync<MemberProfile>(cancellationToken, accounts.Select(a => a.MemberId!.Value)))
            .ToDictionary(m => m.Id);
        var planned = new List<RoleGranted>();
        foreach (var account in accounts)
        {
            if (!members.TryGetValue(account.MemberId!.Value, out var member) || member.Erased) continue;
            var events = await session.Events.FetchStreamAsync(member.Id, token: cancellationToken);
            planned.AddRange(LegacyRoles.ToGrants(member.Id, account.Roles, member.BranchId, [], now, LegacyRoles.GrantedSince(events.Select(e => e.Data))));
        }
        var existing = planned.Count == 0 ? [] : (await session.LoadManyAsync<RoleGrant>(cancellationToken, planned.Select(g => g.GrantId))).Select(g => g.Id).ToHashSet();
        var added = planned.Where(g => !existing.Contains(g.GrantId)).ToList();
        foreach (var granted in added) session.Events.StartStream<RoleGrant>(granted.GrantId, granted);
        session.Insert(new LegacyRoleMigrationRecord { RanAt = now, Grants = added.Count, Accounts = accounts.Count });
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            LogMigrated(logger, added.Count, accounts.Count);
        }
        catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e) || DatabaseErrors.IsConcurrencyConflict(e))
        {
            LogRanElsewhere(logger); // another node migrated at the same moment
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated the roles of {Accounts} member account(s) to {Grants} grant(s).")]
    private static partial void LogMigrated(ILogger logger, int grants, int accounts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another node migrated the roles to grants at the same moment; nothing changed here.")]
    private static partial void LogRanElsewhere(ILogger logger);
}
