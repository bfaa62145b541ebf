using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WorkersPower.Membership.Contracts;

namespace WorkersPower.Campaigns.Tests;

/// <summary>
/// Campaigns' copy of a member ends in the latest state whatever order Membership's messages arrive in (a rename or a
/// transfer heard before the join, a join heard after a lapse): each part keeps the instant of the message that set it.
/// </summary>
public sealed class MemberCopyOrderTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    /// <summary>Runs the message through Campaigns' handler of it, inline (each module's handlers have their own local queue).</summary>
    private Task HearAsync(object message)
    {
        var runtime = fixture.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>();
        var all = runtime.Options.Transports.AllEndpoints().Select(e => e.Uri).ToList();
        var queue = all.SingleOrDefault(u => u.ToString().Contains(nameof(Members.MembershipEventsHandler), StringComparison.OrdinalIgnoreCase)) ?? throw new InvalidOperationException(string.Join(", ", all));
        return fixture.Services.GetRequiredService<IMessageBus>().EndpointFor(queue).InvokeAsync(message);
    }

    private Uri Queue()
    {
        var runtime = fixture.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>();
        return runtime.Options.Transports.AllEndpoints().Select(e => e.Uri)
            .Single(u => u.ToString().Contains(nameof(Members.MembershipEventsHandler), StringComparison.OrdinalIgnoreCase));
    }

    private async Task<Members.CampaignMember> CopyAsync(Guid id)
    {
        await using var session = fixture.Services.GetRequiredService<ICampaignsStore>().QuerySession();
        return (await session.LoadAsync<Members.CampaignMember>(id)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Messages_heard_out_of_order_leave_the_latest_name_branch_and_standing()
    {
        var id = Guid.CreateVersion7();
        var (joinBranch, laterBranch) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var joined = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

        await HearAsync(new MemberRenamed(id, "Cleo Walkabout", joined.AddMinutes(1)));
        await HearAsync(new MemberTransferredBranch(id, joinBranch, laterBranch, joined.AddMinutes(2)));
        await HearAsync(new MemberStandingChanged(id, MemberStanding.Lapsed, joined.AddMinutes(3)));
        await HearAsync(new MemberJoined(id, joinBranch, "Cleo Original", joined));

        var copy = await CopyAsync(id);
        copy.DisplayName.ShouldBe("Cleo Walkabout");
        copy.BranchId.ShouldBe(laterBranch);
        copy.Standing.ShouldBe(MemberStanding.Lapsed);

        // in order, each newer message still applies
        await HearAsync(new MemberRenamed(id, "Cleo Newname", joined.AddMinutes(4)));
        await HearAsync(new MemberStandingChanged(id, MemberStanding.Active, joined.AddMinutes(5)));
        await HearAsync(new MemberRenamed(id, "Cleo Stale", joined.AddMinutes(2)));
        copy = await CopyAsync(id);
        copy.DisplayName.ShouldBe("Cleo Newname");
        copy.Standing.ShouldBe(MemberStanding.Active);
    }

    [Fact]
    public async Task An_erased_member_is_not_named_again_by_a_late_message()
    {
        var id = Guid.CreateVersion7();
        var at = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);
        await HearAsync(new MemberErased(id, at.AddMinutes(5)));
        await HearAsync(new MemberJoined(id, Guid.CreateVersion7(), "Dora Late", at));
        await HearAsync(new MemberRenamed(id, "Dora Later", at.AddMinutes(9)));
        var copy = await CopyAsync(id);
        copy.Erased.ShouldBeTrue();
        copy.DisplayName.ShouldBe(Members.CampaignMember.ErasedName);
    }

    /// <summary>
    /// Membership's messages about one member are handled at the same time (the local queue runs several at once, and
    /// several nodes do): no message's change may be lost to another's write of the same copy.
    /// </summary>
    [Fact]
    public async Task Messages_about_one_member_handled_at_once_lose_nothing()
    {
        var bus = fixture.Services.GetRequiredService<IMessageBus>();
        var endpoint = bus.EndpointFor(Queue());
        var at = new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero);
        var members = Enumerable.Range(0, 40).Select(i => (Id: Guid.CreateVersion7(), Branch: Guid.CreateVersion7(), Later: Guid.CreateVersion7(), Name: $"Concurrent {i}")).ToList();
        var sends = members.SelectMany(m => new object[]
        {
            new MemberJoined(m.Id, m.Branch, m.Name + " joined", at),
            new MemberRenamed(m.Id, m.Name, at.AddMinutes(1)),
            new MemberTransferredBranch(m.Id, m.Branch, m.Later, at.AddMinutes(2)),
            new MemberStandingChanged(m.Id, MemberStanding.Lapsed, at.AddMinutes(3)),
        }).Select(message => endpoint.SendAsync(message).AsTask());
        await Task.WhenAll(sends);

        var store = fixture.Services.GetRequiredService<ICampaignsStore>();
        var deadline = DateTime.UtcNow.AddSeconds(45);
        List<string> wrong = [];
        while (DateTime.UtcNow < deadline)
        {
            await using var session = store.QuerySession();
            var ids = members.Select(m => m.Id).ToArray();
            var copies = (await session.Query<Members.CampaignMember>().Where(c => ids.Contains(c.Id)).ToListAsync()).ToDictionary(c => c.Id);
            wrong = members.Where(m => !copies.TryGetValue(m.Id, out var c) || c.DisplayName != m.Name || c.BranchId != m.Later || c.Standing != MemberStanding.Lapsed)
                .Select(m => copies.TryGetValue(m.Id, out var c) ? $"{m.Name}: {c.DisplayName}, {(c.BranchId == m.Later ? "later" : c.BranchId == m.Branch ? "first" : "no")} branch, {c.Standing}" : $"{m.Name}: no copy")
                .ToList();
            if (wrong.Count == 0) return;
            await Task.Delay(200);
        }
        wrong.ShouldBeEmpty();
    }
}
