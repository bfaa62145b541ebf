using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkersPower.Decisions.Ballots;
using WorkersPower.Decisions.Meetings;
using WorkersPower.Membership.Contracts;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Decisions.Tests.Ballots;

/// <summary>
/// Decisions' host for the ballots' integration tests, with two stand-ins while Membership's IElectorate is written in
/// parallel: a <see cref="FakeElectorate"/> (members of branches, as the tests say), and tokens made directly for its
/// members (<see cref="TokenFor"/>) accepted by a token check that lets every well-signed token through (Membership's
/// check would refuse accounts it does not hold). Meetings and ballots are defined by appending their events (the
/// meetings helper writes conveneMeeting and createBallot).
/// </summary>
public class BallotsFixture : DecisionsFixture
{
    public FakeElectorate Electorate { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.RemoveAll<IElectorate>();
        services.AddSingleton<IElectorate>(Electorate);
        services.RemoveAll<ITokenSubjectCheck>();
        services.AddSingleton<ITokenSubjectCheck, LetThrough>();
    }

    /// <summary>A member's token (MEMBER role, their own account).</summary>
    public static string TokenFor(Guid memberId) =>
        Tokens.Make([new Claim(Claims.Subject, Guid.NewGuid().ToString()), new Claim(Claims.MemberId, memberId.ToString()), new Claim(Claims.Role, Roles.Member)]);

    public static string MemberGlobalId(Guid memberId) => Platform.GlobalId.Encode("Member", memberId);

    public static string BallotGlobalId(Guid ballotId) => Platform.GlobalId.Encode(BallotType.TypeName, ballotId);

    /// <summary>A branch meeting chaired by <paramref name="chair"/> with a ballot on it, defined (not open); answers the ballot's id.</summary>
    public async Task<Guid> DefineBallotAsync(Guid branch, Guid chair, BallotKind kind = BallotKind.Motion, VoteSecrecy secrecy = VoteSecrecy.Secret,
        bool allowChanges = false, decimal quorum = 0m, IReadOnlyList<string>? options = null, int seats = 1, Guid? meetingId = null, params ProxyAuthorised[] proxies)
    {
        var store = Services.GetRequiredService<IDecisionsStore>();
        var now = Clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var meeting = meetingId ?? Guid.NewGuid();
        if (meetingId is null)
            session.Events.StartStream<Meeting>(meeting, [new MeetingConvened(meeting, "Branch meeting", DecisionBody.BranchMeeting, branch, now, 1, Guid.NewGuid(), chair, null, now), .. proxies.Select(p => p with { MeetingId = meeting })]);
        var ballot = Guid.CreateVersion7();
        session.Events.StartStream<Ballot>(ballot, new BallotCreated(ballot, meeting, branch, "The question", kind, secrecy,
            options ?? (kind == BallotKind.Motion ? MotionOptions.All : ["Ann", "Bob", "Cat"]), seats, allowChanges, quorum, null, null, null, null, null, Guid.NewGuid(), now));
        await session.SaveChangesAsync();
        return ballot;
    }

    private sealed class LetThrough : ITokenSubjectCheck
    {
        public Task<TokenSubject> CheckAsync(ClaimsPrincipal user, CancellationToken cancellationToken) => Task.FromResult(new TokenSubject(null, []));
    }
}

/// <summary>A stand-in for Membership's electorate: members put in branches by the tests, all in good standing, named "Member xxxxxxxx".</summary>
public sealed class FakeElectorate : IElectorate
{
    private readonly ConcurrentDictionary<Guid, Guid> branchOf = new();

    public IReadOnlyList<Guid> Join(Guid branch, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids) branchOf[id] = branch;
        return ids;
    }

    public Task<IReadOnlyList<Guid>> MembersAsync(Guid? branchId, DateTimeOffset at, int? maxMonthsInArrears, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. branchOf.Where(m => branchId is null || m.Value == branchId).Select(m => m.Key).Order()]);

    public Task<ElectorStanding?> StandingAsync(Guid memberId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(branchOf.TryGetValue(memberId, out var b) ? new ElectorStanding(memberId, b, true, 0) : null);

    public Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> memberIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, string>>(memberIds.Where(branchOf.ContainsKey).ToDictionary(id => id, id => $"Member {id.ToString()[..8]}"));
}
