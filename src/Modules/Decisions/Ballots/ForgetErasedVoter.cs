using WorkersPower.Membership.Contracts;

namespace WorkersPower.Decisions.Ballots;

/// <summary>
/// A member's erasure (Membership's <see cref="MemberErased"/>): their id leaves every frozen electorate, and on every
/// roll it is replaced by a random id, so the roll still counts their vote (turnout and the box agree) but no longer
/// says who cast it. Their name goes with Membership's record (Decisions keeps none). Idempotent.
/// </summary>
public static class ForgetErasedVoterHandler
{
    public static async Task Handle(MemberErased e, IDocumentSession session, CancellationToken ct)
    {
        foreach (var electorate in await session.Query<BallotElectorate>().Where(x => x.Members.Contains(e.MemberId)).ToListAsync(ct))
        {
            electorate.Members.Remove(e.MemberId);
            session.Store(electorate);
        }
        // the UPDATE takes each row's lock, so a vote being cast waits for it (and the other way round)
        session.QueueSqlCommand(
            $"""
            update {DecisionsModule.Schema}.{VoteStore.RollTable}
            set voters = (select array_agg(v order by v) from unnest(array_replace(voters, ?, gen_random_uuid())) as v)
            where ? = any(voters)
            """, e.MemberId, e.MemberId);
    }
}
