using Microsoft.AspNetCore.Identity;

namespace WorkersPower.Membership.Demo;

/// <summary>
/// Demo data for build/run.sh: four branches, an admin, an organiser and a member who can sign in
/// (passwords below, printed by run.sh), more members, and pending applications. Loaded through the
/// same commands the API uses; skipped when the demo branches exist.
/// </summary>
internal sealed class MembershipDemoData : IDemoData
{
    public static readonly (string Email, string Password, string[] Roles, string Given, string Family)[] Accounts =
    [
        ("admin@demo.workerspower.org", "ada-demo-pass-2026", [Roles.Member, Roles.Admin], "Ada", "Admin"),
        ("organiser@demo.workerspower.org", "olu-demo-pass-2026", [Roles.Member, Roles.Organiser], "Olu", "Organiser"),
        ("member@demo.workerspower.org", "mo-demo-pass-2026", [Roles.Member], "Mo", "Member"),
    ];

    private static readonly (string Name, string Region)[] Branches =
    [
        ("North London", "London"), ("Manchester", "North West"), ("Glasgow", "Scotland"), ("Bristol", "South West"),
    ];

    private static readonly string[] Given = ["Sam", "Priya", "Tomasz", "Aisha", "Declan", "Mei", "Kwame", "Rosa", "Yusuf", "Hannah"];
    private static readonly string[] Family = ["Okafor", "Patel", "Nowak", "Rahman", "Byrne", "Chen", "Mensah", "Lopez", "Ali", "Schmidt"];
    private static readonly string[] Interests = ["rank-and-file", "palestine", "anti-fascism", "publications", "students", "housing"];

    public int Order => 0;

    public async Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IMembershipStore>();
        await using (var check = store.QuerySession())
        {
            if (await check.Query<Branch>().AnyAsync(b => b.NameKey == "north london", cancellationToken)) return;
        }

        var bus = services.GetRequiredService<IMessageBus>();
        var system = Guid.Empty;
        var branchIds = new List<Guid>();
        foreach (var (name, region) in Branches)
            branchIds.Add((await bus.InvokeAsync<CommandResult>(new CreateBranch(name, region, system), cancellationToken)).Id!.Value);

        // The three accounts people sign in with, in the first branch: their passwords set directly (with mail on,
        // the invitation mail's handler may write the account at the same moment: then read it again and retry).
        var hasher = services.GetRequiredService<IPasswordHasher<Account>>();
        foreach (var (email, password, roles, given, family) in Accounts)
        {
            var memberId = await AdmitAsync(bus, given, family, email, branchIds[0], 0, cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                await using var session = store.LightweightSession();
                var account = await session.Query<Account>().SingleAsync(a => a.MemberId == memberId, cancellationToken);
                var now = DateTimeOffset.UtcNow;
                account.PasswordHash = hasher.HashPassword(account, password);
                account.InvitationTokenHash = null;
                account.InvitationExpiresAt = null;
                account.ActivatedAt = now;
                account.Roles = [.. roles];
                session.Update(account);
                session.Events.Append(memberId, new AccountActivated(memberId, now));
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                    break;
                }
                catch (Exception e) when (attempt < 5 && DatabaseErrors.IsConcurrencyConflict(e))
                {
                }
            }
        }

        // More members across the branches, and applications waiting for a decision.
        for (var i = 0; i < 16; i++)
            await AdmitAsync(bus, Given[i % Given.Length], Family[(i * 3) % Family.Length], $"member{i + 1}@demo.workerspower.org", branchIds[i % branchIds.Count], i, cancellationToken);
        for (var i = 0; i < 5; i++)
            await ApplyAsync(bus, Given[(i + 5) % Given.Length], Family[(i + 2) % Family.Length], $"applicant{i + 1}@demo.workerspower.org", i, cancellationToken);
    }

    private static async Task<Guid> AdmitAsync(IMessageBus bus, string given, string family, string email, Guid branchId, int seed, CancellationToken ct)
    {
        var application = await ApplyAsync(bus, given, family, email, seed, ct);
        var approved = await bus.InvokeAsync<ApproveMembershipApplicationResult>(new ApproveMembershipApplication(application, branchId, Actor.Platform), ct);
        return approved.MemberId ?? throw new InvalidOperationException(string.Join("; ", approved.Errors.Select(e => e.Message)));
    }

    private static async Task<Guid> ApplyAsync(IMessageBus bus, string given, string family, string email, int seed, CancellationToken ct)
    {
        var result = await bus.InvokeAsync<ApplyForMembershipResult>(new ApplyForMembership(
            given, family, email, $"07700 900{seed:000}", $"N{seed % 20 + 1} {seed % 9 + 1}AB", seed % 2 == 0 ? "Unite" : "UNISON",
            seed % 3 == 0 ? "City hospital" : "Bus garage", [Interests[seed % Interests.Length], Interests[(seed + 2) % Interests.Length]],
            "I want to get organised.", true, new Money(5 + seed % 4 * 5, "GBP"), ContributionFrequency.Monthly, true), ct);
        return result.Application?.Id ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }
}
