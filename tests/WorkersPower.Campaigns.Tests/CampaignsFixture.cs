using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

public class CampaignsFixture : PlatformFixture
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    private MemberApi.Person? organiser;

    /// <summary>An organiser (a member with the ORGANISER role) of the fixture's branch.</summary>
    public async Task<MemberApi.Person> OrganiserAsync() => organiser ??= await MemberApi.JoinAsync(this, await BranchAsync(), "ORGANISER");

    /// <summary>Waits until Campaigns has its copy of a member (MemberJoined arrives through the outbox).</summary>
    public async Task<MemberApi.Person> MemberAsync(string? branchId = null)
    {
        var person = await MemberApi.JoinAsync(this, branchId ?? await BranchAsync());
        var id = Platform.GlobalId.TryDecode(person.MemberId, "Member")!.Value;
        var store = Services.GetRequiredService<ICampaignsStore>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            await using var session = store.QuerySession();
            if (await session.LoadAsync<Members.CampaignMember>(id) is not null) return person;
            await Task.Delay(50);
        }
        throw new TimeoutException("Campaigns never heard that the member joined.");
    }
}
