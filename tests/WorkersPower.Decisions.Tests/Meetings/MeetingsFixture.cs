using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Membership.Contracts;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Decisions.Tests.Meetings;

/// <summary>
/// A host for the meetings' integration tests with a fake <see cref="IElectorate"/> the tests fill (members' branch,
/// standing and names), until Membership's own implementation is in the host; the people are real members with real tokens.
/// </summary>
public sealed class MeetingsFixture : DecisionsFixture
{
    public FakeElectorate Electorate { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<IElectorate>(Electorate);
    }

    /// <summary>A new member of the branch (a real one, with a token), known to the fake electorate in good standing.</summary>
    public async Task<Person> JoinAsync(string branchId, string name, params string[] roles)
    {
        var person = await MemberApi.JoinAsync(this, branchId, roles);
        var id = GlobalId.TryDecode(person.MemberId, "Member")!.Value;
        Electorate.Set(new ElectorStanding(id, GlobalId.TryDecode(branchId, "Branch")!.Value, true, 0), name);
        return new Person(person.MemberId, person.Token, id, name);
    }

    public sealed record Person(string MemberId, string Token, Guid Id, string Name);
}

/// <summary>Membership's answers as the tests set them (now, whatever the instant asked).</summary>
public sealed class FakeElectorate : IElectorate
{
    private readonly ConcurrentDictionary<Guid, (ElectorStanding Standing, string Name)> members = new();

    public void Set(ElectorStanding standing, string name) => members[standing.MemberId] = (standing, name);

    public void Lapse(Guid memberId) => members[memberId] = (members[memberId].Standing with { InGoodStanding = false }, members[memberId].Name);

    public Task<IReadOnlyList<Guid>> MembersAsync(Guid? branchId, DateTimeOffset at, int? maxMonthsInArrears, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. members.Values.Where(m => m.Standing.InGoodStanding && (branchId is null || m.Standing.BranchId == branchId)
            && (maxMonthsInArrears is null || m.Standing.MonthsInArrears <= maxMonthsInArrears)).Select(m => m.Standing.MemberId).Order()]);

    public Task<ElectorStanding?> StandingAsync(Guid memberId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(members.TryGetValue(memberId, out var m) ? m.Standing : null);

    public Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> memberIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, string>>(memberIds.Where(members.ContainsKey).Distinct().ToDictionary(id => id, id => members[id].Name));
}
