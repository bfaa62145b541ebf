namespace WorkersPower.Decisions.Motions;

/// <summary>
/// What a closed ballot about a motion or an amendment does to it (the ballots tell it by <see cref="BallotDecided"/>):
/// CARRIED or FELL; a carried amendment's text becomes the motion's next version, the amendments still pending stay
/// against it in order. Told twice, it changes nothing the second time.
/// </summary>
public static class DecideMotion
{
    public static Decision Decide(Motion? motion, BallotDecided told, DateTimeOffset now)
    {
        if (motion is null) return Decision.Unchanged;
        if (told.AmendmentId is { } id)
        {
            if (motion.Amendment(id) is not { Status: MotionStatus.Voting } amendment || amendment.BallotId != told.BallotId) return Decision.Unchanged;
        }
        else if (motion.Status != MotionStatus.Voting || motion.BallotId != told.BallotId) return Decision.Unchanged;
        return Decision.Accept(new MotionDecided(motion.Id, told.AmendmentId, told.BallotId, told.Carried, now));
    }
}

public static class BallotDecidedHandler
{
    public static async Task Handle(BallotDecided message, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (message.MotionId is not { } motionId) return;
        await session.DecideAsync<Motion>(motionId, motion => DecideMotion.Decide(motion, message, clock.GetUtcNow()), ct);
    }
}
