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
}
