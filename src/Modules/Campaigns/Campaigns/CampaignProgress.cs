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

    public void Project(ActionScheduled e, IDocumentOperations ops) => ops.Patch<CampaignProgress>(e.CampaignId).Increment(x => x.ActionsScheduled);

    public void Project(ActionCancelled e, IDocumentOperations ops)
    {
        ops.Patch<CampaignProgress>(e.CampaignId).Increment(x => x.ActionsScheduled, -1);
        if (e.SignUpsAtCancel > 0) ops.Patch<CampaignProgress>(e.CampaignId).Increment(x => x.SignUps, -e.SignUpsAtCancel);
    }

    public void Project(SignedUpForAction e, IDocumentOperations ops)
    {
        ops.Patch<CampaignProgress>(e.CampaignId).Increment(x => x.SignUps);
        ops.Store(new CampaignParticipant { Id = CampaignParticipant.IdOf(e.CampaignId, e.MemberId), CampaignId = e.CampaignId, MemberId = e.MemberId });
    }

    public void Project(WithdrewFromAction e, IDocumentOperations ops) => ops.Patch<CampaignProgress>(e.CampaignId).Increment(x => x.SignUps, -1);

    public void Project(AttendeeCheckedIn e, IDocumentOperations ops)
    {
        ops.Patch<CampaignProgress>(e.CampaignId).Increment(x => x.Attendances);
        ops.Store(new CampaignParticipant { Id = CampaignParticipant.IdOf(e.CampaignId, e.MemberId), CampaignId = e.CampaignId, MemberId = e.MemberId });
    }
}

/// <summary>Told when a campaign's progress changed (after the change committed): every node's subscribers reload it.</summary>
public sealed record CampaignProgressChanged(Guid CampaignId);
