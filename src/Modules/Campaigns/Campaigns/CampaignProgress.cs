using Marten.Patching;

namespace WorkersPower.Campaigns.Campaigns;

/// <summary>A campaign's live figures. Participants are counted from <see cref="CampaignParticipant"/> documents.</summary>
public sealed class CampaignProgress
{
    public Guid Id { get; set; }
    public int ActionsScheduled { get; set; }
    public int SignUps { get; set; }
    public int Attendances { get; set; }
    public int? Goal { get; set; }
}

/// <summary>One member who signed up for or attended any action of a campaign (id from campaign and member).</summary>
public sealed class CampaignParticipant
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public Guid MemberId { get; set; }

    public static Guid IdOf(Guid campaignId, Guid memberId)
    {
        Span<byte> bytes = stackalloc byte[32];
        campaignId.TryWriteBytes(bytes[..16]);
        memberId.TryWriteBytes(bytes[16..]);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(bytes, hash);
        return new Guid(hash[..16]);
    }
}

/// <summary>
/// Keeps <see cref="CampaignProgress"/> current in the same transaction as every change, with atomic
/// increments in SQL: concurrent sign-ups to different actions of one campaign never lose a count.
/// </summary>
public sealed partial class CampaignProgressProjection : EventProjection
{
    public void Project(CampaignLaunched e, IDocumentOperations ops) => ops.Store(new CampaignProgress { Id = e.CampaignId, Goal = e.Goal });

    public void Project(CampaignUpdated e, IDocumentOperations ops) => ops.Patch<CampaignProgress>(e.CampaignId).Set(x => x.Goal, e.Goal);

    public void Project(ActionScheduled e, IDocumentOperations ops) => Add(ops, e.CampaignId, ActionsScheduled, 1);

    public void Project(ActionCancelled e, IDocumentOperations ops)
    {
        Add(ops, e.CampaignId, ActionsScheduled, -1);
        if (e.SignUpsAtCancel > 0) Add(ops, e.CampaignId, SignUps, -e.SignUpsAtCancel);
    }

    public void Project(SignedUpForAction e, IDocumentOperations ops)
    {
        Add(ops, e.CampaignId, SignUps, 1);
        ops.Store(new CampaignParticipant { Id = CampaignParticipant.IdOf(e.CampaignId, e.MemberId), CampaignId = e.CampaignId, MemberId = e.MemberId });
    }

    public void Project(WithdrewFromAction e, IDocumentOperations ops) => Add(ops, e.CampaignId, SignUps, -1);

    public void Project(AttendeeCheckedIn e, IDocumentOperations ops)
    {
        Add(ops, e.CampaignId, Attendances, 1);
        ops.Store(new CampaignParticipant { Id = CampaignParticipant.IdOf(e.CampaignId, e.MemberId), CampaignId = e.CampaignId, MemberId = e.MemberId });
    }

    // One plain jsonb_set per change, as the benchmark's plain-Npgsql sign-up does, instead of Marten's patch (its
    // PL/pgSQL mt_jsonb_patch, a loop over a patch set): on every sign-up, 300-340 µs of PostgreSQL for a one-statement
    // transaction against 220-240 µs (bench/analysis/signups.md). The counters' JSON names are the properties' (the
    // stores' serializer keeps them; ProgressCountersTests reads them back).
    private static readonly string ActionsScheduled = CounterSql(nameof(CampaignProgress.ActionsScheduled));
    private static readonly string SignUps = CounterSql(nameof(CampaignProgress.SignUps));
    private static readonly string Attendances = CounterSql(nameof(CampaignProgress.Attendances));

    private static string CounterSql(string counter) =>
        $"update {CampaignsModule.Schema}.mt_doc_campaignprogress set data = jsonb_set(data, '{{{counter}}}', " +
        $"to_jsonb(coalesce((data->>'{counter}')::int, 0) + ?)), mt_last_modified = transaction_timestamp() where id = ?";

    private static void Add(IDocumentOperations ops, Guid campaignId, string counterSql, int by) => ops.QueueSqlCommand(counterSql, by, campaignId);
}

/// <summary>Told when a campaign's progress changed (after the change committed): every node's subscribers reload it.</summary>
public sealed record CampaignProgressChanged(Guid CampaignId);
