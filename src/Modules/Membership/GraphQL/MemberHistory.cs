using System.Globalization;
using GraphQL;
using JasperFx.Events;
using Marten;
using WorkersPower.Membership.Members;
using WorkersPower.Platform.GraphQL;

namespace WorkersPower.Membership.GraphQL;

/// <summary>A member's own events as a connection, newest first, with a sentence for each.</summary>
internal static class MemberHistory
{
    public static async Task<Connection<MemberEvent>> PageAsync(IResolveFieldContext context, MemberProfile member)
    {
        var page = PageRequest.From(context);
        long? before = page.AfterKey is null ? null
            : long.TryParse(page.AfterKey, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
            : throw new ExecutionError("'after' is not a cursor of this list.") { Code = ErrorCodes.BadUserInput };
        if (page.First == 0) return page.ToConnection<MemberEvent>([], e => "", (int)member.Version);

        await using var session = context.Session();
        var query = session.Events.QueryAllRawEvents().Where(e => e.StreamId == member.Id);
        if (before is { } b) query = query.Where(e => e.Version < b);
        var events = await query.OrderByDescending(e => e.Version).Take(page.First + 1).ToListAsync(context.CancellationToken);
        var rows = events.Select(Describe).ToList();
        return page.ToConnection(rows, r => r.Version.ToString(CultureInfo.InvariantCulture), (int)member.Version);
    }

    internal static MemberEvent Describe(IEvent e) => e.Data switch
    {
        MembershipStarted s => new("JOINED", e.Timestamp, $"Joined: the application was approved into a branch on {s.StartedAt:yyyy-MM-dd}.", e.Version),
        AccountInvitationIssued i => new("INVITATION_ISSUED", e.Timestamp, $"An invitation to set a password was issued, valid until {i.ExpiresAt:yyyy-MM-dd}.", e.Version),
        AccountActivated => new("ACCOUNT_ACTIVATED", e.Timestamp, "The account was activated with a password.", e.Version),
        _ => new(ToConstant(e.EventTypeName), e.Timestamp, "The record changed.", e.Version),
    };

    private static string ToConstant(string name) => name.Replace('-', '_').ToUpperInvariant();
}
