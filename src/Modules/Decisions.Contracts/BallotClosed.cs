namespace WorkersPower.Decisions.Contracts;

/// <summary>
/// Published when a ballot closes and its result is published: which ballot, of which scope (null: the whole
/// organisation), whether it was quorate. Names no voter and carries no choice: results are read through the API.
/// </summary>
public sealed record BallotClosed(Guid BallotId, Guid MeetingId, Guid? BranchId, bool Quorate, DateTimeOffset At);
