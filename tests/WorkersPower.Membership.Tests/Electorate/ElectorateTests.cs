using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Membership.Contracts;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests.Electorate;

/// <summary>
/// IElectorate against a real host: members whose histories are written with their own times straight into the
/// store (as an import would leave them), asked about at a ballot's cut-off, 15 June 2026 at noon UTC.
/// </summary>
public sealed class ElectorateTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private static readonly DateTimeOffset Cut = Utc(6, 15);
    private static readonly Guid By = Guid.NewGuid();

    private static DateTimeOffset Utc(int month, int day, int hour = 12, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private IElectorate Electorate => fixture.Services.GetRequiredService<IElectorate>();

    private sealed record World(Guid A, Guid B, Dictionary<string, Guid> Ids)
    {
        public Guid this[string name] => Ids[name];

        public IEnumerable<Guid> Only(IEnumerable<Guid> ids) => ids.Where(Ids.ContainsValue);
    }

    /// <summary>
    /// Two fresh branches. Everyone pledges 10 GBP a month from March (so 3 months in arrears at the cut-off unless
    /// they paid), in A unless named otherwise.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        var admin = await fixture.AdminTokenAsync();
        var a = GlobalId.TryDecode(await MembershipApi.CreateBranchAsync(fixture.Client, admin), "Branch")!.Value;
        var b = GlobalId.TryDecode(await MembershipApi.CreateBranchAsync(fixture.Client, admin), "Branch")!.Value;
        var ids = new Dictionary<string, Guid>();
        await using var session = fixture.Services.GetRequiredService<IMembershipStore>().LightweightSession();
        void Member(string name, Guid branch, DateTimeOffset joined, params Func<Guid, object>[] then)
        {
            var id = ids[name] = Guid.CreateVersion7();
            session.Events.StartStream<MemberProfile>(id, [Started(id, branch, name, joined), .. then.Select(t => t(id))]);
        }
        Member("Steady", a, Utc(3, 1), id => Paid(id, 30, 5, 31, Utc(6, 1)));                      // 0 months in arrears
        Member("PaidLate", a, Utc(3, 1),
            id => Paid(id, 30, 6, 20, Utc(6, 20)),                                                     // paid after the cut-off's day: not counted
            id => Paid(id, 20, 6, 10, Utc(6, 25)));                                                    // paid before, recorded after: counted (1 month)
        Member("Reinstated", a, Utc(3, 1), id => new MembershipSuspended(id, "Why", By, Utc(4, 1)), id => new MembershipReinstated(id, "Ok", By, Utc(6, 10)));
        Member("Suspended", a, Utc(3, 1), id => new MembershipSuspended(id, "Why", By, Utc(6, 1)));
        Member("Lapsed", a, Utc(3, 1), id => new MembershipLapsed(id, 3, Utc(6, 1)));
        Member("Resigned", a, Utc(3, 1), id => new MembershipResigned(id, null, By, Utc(6, 1)));
        Member("MovedIn", b, Utc(3, 1), id => new MemberTransferred(id, b, a, By, Utc(6, 14)));
        Member("MovesLater", a, Utc(3, 1), id => new MemberTransferred(id, a, b, By, Utc(6, 16)));
        Member("Late", a, Cut.AddMinutes(1));
        Member("Erased", a, Utc(3, 1), id => new MemberDataErased(id, By, Utc(7, 1)));
        // paid 30 in March, resigned in April, rejoined on 1 June: a new ledger from June (the March payment does not count in it):
        // 0 months at the cut-off, 1 (June) on 2 July
        Member("Rejoined", a, Utc(3, 1), id => Paid(id, 30, 3, 15, Utc(3, 15)), id => new MembershipResigned(id, null, By, Utc(4, 1)),
            id => new MembershipRenewed(id, Guid.NewGuid(), a, "Rejoined", "Electorate", $"rejoined.{id:N}@example.org", null, "E1 6AN", new Money(10, "GBP"),
                ContributionFrequency.Monthly, By, Utc(6, 1)));
        // covered until May (1 month); a pledge of 2 a month after the cut-off would make it 5 months if it counted
        Member("Repledged", a, Utc(3, 1), id => Paid(id, 20, 4, 30, Utc(4, 30)), id => new ContributionPledged(id, new Money(2, "GBP"), ContributionFrequency.Monthly, By, Utc(6, 20)));
        Member("StaysB", b, Utc(3, 1), id => Paid(id, 30, 5, 31, Utc(6, 1)));
        await session.SaveChangesAsync();
        return new World(a, b, ids);
    }

    private static MembershipStarted Started(Guid id, Guid branch, string name, DateTimeOffset at) =>
        new(id, Guid.NewGuid(), branch, name, "Electorate", $"{name.ToLowerInvariant()}.{id:N}@example.org", null, "E1 6AN", null, null, [],
            new Money(10, "GBP"), ContributionFrequency.Monthly, Guid.Empty, at);

    private static ContributionPaymentRecorded Paid(Guid id, decimal amount, int month, int day, DateTimeOffset recorded) =>
        new(id, Guid.NewGuid(), new Money(amount, "GBP"), new DateOnly(2026, month, day), null, "MANUAL", By, recorded);

    private static Guid[] Sorted(World w, params string[] names) => [.. names.Select(n => w[n]).OrderBy(id => id.ToString("N"), StringComparer.Ordinal)];

    [Fact]
    public async Task The_electorate_of_a_branch_at_the_cut_off_is_its_members_in_good_standing_then_sorted_by_id()
    {
        var w = await WorldAsync();
        // Late joined after; Suspended, Lapsed, Resigned were out then; Reinstated was back; MovedIn had come, MovesLater not yet gone; Erased never
        (await Electorate.MembersAsync(w.A, Cut, null, default)).ShouldBe(Sorted(w, "Steady", "PaidLate", "Reinstated", "MovedIn", "MovesLater", "Rejoined", "Repledged"));
        (await Electorate.MembersAsync(w.B, Cut, null, default)).ShouldBe(Sorted(w, "StaysB"));
        (await Electorate.MembersAsync(w.A, Cut.AddMinutes(1), null, default)).ShouldContain(w["Late"]);
        (await Electorate.MembersAsync(w.A, Utc(6, 16, 13), null, default)).ShouldNotContain(w["MovesLater"]);
        (await Electorate.MembersAsync(w.B, Utc(6, 16, 13), null, default)).ShouldBe(Sorted(w, "StaysB", "MovesLater"));
        (await Electorate.MembersAsync(w.B, Utc(6, 13), null, default)).ShouldBe(Sorted(w, "StaysB", "MovedIn"));
        // erased on 1 July: left out before it too
        (await Electorate.MembersAsync(w.A, Utc(5, 1), null, default)).ShouldNotContain(w["Erased"]);
        (await Electorate.MembersAsync(w.A, Utc(2, 28), null, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_a_branch_the_electorate_is_the_whole_organisation_sorted_by_id()
    {
        var w = await WorldAsync();
        var all = await Electorate.MembersAsync(null, Cut, null, default);
        w.Only(all).ShouldBe(Sorted(w, "Steady", "PaidLate", "Reinstated", "MovedIn", "MovesLater", "Rejoined", "Repledged", "StaysB"));
        all.Select(id => id.ToString("N")).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
        all.ShouldBeUnique();
        w.Only(await Electorate.MembersAsync(null, Cut, 0, default)).ShouldBe(Sorted(w, "Steady", "Rejoined", "StaysB"));
    }

    [Fact]
    public async Task A_limit_of_months_in_arrears_counts_payments_by_the_day_paid_and_pledges_made_by_the_cut_off()
    {
        var w = await WorldAsync();
        (await Electorate.MembersAsync(w.A, Cut, 0, default)).ShouldBe(Sorted(w, "Steady", "Rejoined"));
        (await Electorate.MembersAsync(w.A, Cut, 1, default)).ShouldBe(Sorted(w, "Steady", "PaidLate", "Rejoined", "Repledged"));
        (await Electorate.MembersAsync(w.A, Cut, 2, default)).ShouldBe(Sorted(w, "Steady", "PaidLate", "Rejoined", "Repledged"));
        (await Electorate.MembersAsync(w.A, Cut, 3, default)).ShouldBe(await Electorate.MembersAsync(w.A, Cut, null, default));
        // on 21 June the payment of the 20th counts (covered to July: 0 months) but so does the pledge of 2 a month (5 months)
        var later = await Electorate.MembersAsync(w.A, Utc(6, 21), 0, default);
        later.ShouldContain(w["PaidLate"]);
        later.ShouldNotContain(w["Repledged"]);
        (await Electorate.StandingAsync(w["Repledged"], Utc(6, 21), default))!.MonthsInArrears.ShouldBe(5);
        (await Electorate.StandingAsync(w["Rejoined"], Utc(7, 2), default))!.MonthsInArrears.ShouldBe(1);
        (await Electorate.MembersAsync(w.A, Utc(7, 2), 0, default)).ShouldNotContain(w["Rejoined"]);
    }

    [Fact]
    public async Task A_members_standing_at_an_instant_names_their_branch_then_and_is_null_before_joining_or_once_erased()
    {
        var w = await WorldAsync();
        var steady = await Electorate.StandingAsync(w["Steady"], Cut, default);
        steady.ShouldBe(new ElectorStanding(w["Steady"], w.A, true, 0));
        (await Electorate.StandingAsync(w["PaidLate"], Cut, default)).ShouldBe(new ElectorStanding(w["PaidLate"], w.A, true, 1));
        (await Electorate.StandingAsync(w["Suspended"], Cut, default)).ShouldBe(new ElectorStanding(w["Suspended"], w.A, false, 3));
        (await Electorate.StandingAsync(w["Resigned"], Cut, default))!.InGoodStanding.ShouldBeFalse();
        (await Electorate.StandingAsync(w["MovedIn"], Utc(6, 13), default))!.BranchId.ShouldBe(w.B);
        (await Electorate.StandingAsync(w["MovedIn"], Cut, default))!.BranchId.ShouldBe(w.A);
        (await Electorate.StandingAsync(w["MovesLater"], Utc(6, 17), default))!.BranchId.ShouldBe(w.B);
        (await Electorate.StandingAsync(w["Late"], Cut, default)).ShouldBeNull();
        (await Electorate.StandingAsync(w["Late"], Cut.AddMinutes(1), default))!.InGoodStanding.ShouldBeTrue();
        (await Electorate.StandingAsync(w["Erased"], Cut, default)).ShouldBeNull();
        (await Electorate.StandingAsync(Guid.NewGuid(), Cut, default)).ShouldBeNull();
    }

    [Fact]
    public async Task The_electorate_and_each_members_standing_agree_at_every_instant_and_limit()
    {
        var w = await WorldAsync();
        DateTimeOffset[] instants = [Utc(2, 28), Utc(3, 1), Utc(4, 2), Cut, Cut.AddMinutes(1), Utc(6, 16, 13), Utc(6, 21), Utc(6, 26), Utc(7, 2), Utc(9, 30, 23, 30)];
        foreach (var at in instants)
            foreach (var max in new int?[] { null, 0, 1, 3 })
                foreach (var branch in new[] { w.A, w.B })
                {
                    var expected = new List<Guid>();
                    foreach (var id in w.Ids.Values)
                        if (await Electorate.StandingAsync(id, at, default) is { InGoodStanding: true } s && s.BranchId == branch && (max is not { } m || s.MonthsInArrears <= m))
                            expected.Add(id);
                    (await Electorate.MembersAsync(branch, at, max, default)).ShouldBe([.. expected.OrderBy(id => id.ToString("N"), StringComparer.Ordinal)], $"{at:O} max {max} branch {(branch == w.A ? "A" : "B")}");
                }
    }

    [Fact]
    public async Task Names_are_given_then_family_name_erased_members_are_named_so_and_unknown_ids_are_left_out()
    {
        var w = await WorldAsync();
        var unknown = Guid.NewGuid();
        var names = await Electorate.NamesAsync([w["Steady"], w["Erased"], w["MovedIn"], unknown, w["Steady"]], default);
        names.ShouldBe(new Dictionary<Guid, string>
        {
            [w["Steady"]] = "Steady Electorate",
            [w["Erased"]] = "Erased member",
            [w["MovedIn"]] = "MovedIn Electorate",
        }, ignoreOrder: true);
        (await Electorate.NamesAsync([], default)).ShouldBeEmpty();
    }
}
