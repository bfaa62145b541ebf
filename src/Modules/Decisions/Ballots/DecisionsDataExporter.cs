using WorkersPower.Membership.Contracts;

namespace WorkersPower.Decisions.Ballots;

/// <summary>
/// Decisions' part of a member's data export: the meetings they convened or chair, the motions and amendments they
/// moved or seconded, the proxies they gave or hold, the ballots whose electorate they were in and whether they voted
/// (never how, for a secret ballot: nothing links them to their ballot), and their recorded votes.
/// </summary>
internal sealed class DecisionsDataExporter(IDecisionsStore store) : IMemberDataExporter
{
    public string Section => "decisions";

    public async Task<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        // an export is rare and an organisation's meetings and motions are few: read them all, choose here
        var meetings = (await session.Query<Meeting>().ToListAsync(cancellationToken))
            .Where(m => m.ConvenorMemberId == memberId || m.ChairMemberId == memberId
                || m.Proxies.Any(p => p.GrantorMemberId == memberId || p.HolderMemberId == memberId))
            .ToList();
        var motions = (await session.Query<Motions.Motion>().ToListAsync(cancellationToken))
            .Where(m => m.MoverMemberId == memberId || m.Seconders.Contains(memberId)
                || m.Amendments.Any(a => a.MoverMemberId == memberId || a.Seconders.Contains(memberId)))
            .ToList();
        var electorates = await session.Query<BallotElectorate>().Where(e => e.Members.Contains(memberId)).ToListAsync(cancellationToken);
        var ballotIds = electorates.Select(e => e.Id).ToList();
        var ballots = (await session.LoadManyAsync<Ballot>(cancellationToken, ballotIds)).ToDictionary(b => b.Id);
        var voted = await VoteStore.HaveVotedAsync(session, ballotIds.Select(b => (b, memberId)).ToList(), cancellationToken);
        var results = (await session.LoadManyAsync<BallotResult>(cancellationToken, ballotIds)).ToDictionary(r => r.Id);
        if (meetings.Count == 0 && motions.Count == 0 && electorates.Count == 0) return null;
        return new
        {
            meetings = meetings.Select(m => new
            {
                m.Title, m.StartsAt,
                convened = m.ConvenorMemberId == memberId, chair = m.ChairMemberId == memberId,
                proxyGivenTo = m.Proxies.Where(p => p.GrantorMemberId == memberId).Select(p => p.HolderMemberId).FirstOrDefault() is var h && h != Guid.Empty ? h : (Guid?)null,
                proxiesHeldFor = m.Proxies.Where(p => p.HolderMemberId == memberId).Select(p => p.GrantorMemberId).ToList(),
            }),
            motions = motions.Select(m => new
            {
                m.Title, m.SubmittedAt, status = m.Status.ToString(),
                moved = m.MoverMemberId == memberId, seconded = m.Seconders.Contains(memberId),
                amendments = m.Amendments.Where(a => a.MoverMemberId == memberId || a.Seconders.Contains(memberId))
                    .Select(a => new { a.Order, a.Text, moved = a.MoverMemberId == memberId, seconded = a.Seconders.Contains(memberId) }),
            }),
            ballots = electorates.Where(e => ballots.ContainsKey(e.Id)).Select(e => new
            {
                ballots[e.Id].Title, secrecy = ballots[e.Id].Secrecy.ToString(), inElectorateFrom = e.CutOff,
                voted = voted.GetValueOrDefault((e.Id, memberId)),
                recordedVote = results.TryGetValue(e.Id, out var r) ? r.Votes.Where(v => v.VoterMemberId == memberId).Select(v => v.Choice).FirstOrDefault() : null,
            }),
        };
    }
}
