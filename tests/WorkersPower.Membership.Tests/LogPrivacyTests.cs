using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>Members' personal data never reaches the logs, on the happy paths or the failing ones.</summary>
public sealed class LogPrivacyTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    [Fact]
    public async Task No_email_phone_or_password_is_logged()
    {
        const string Phone = "+44 7700 900123";
        var email = MembershipApi.UniqueEmail("private");
        var input = MembershipApi.Application(email);
        input["phone"] = Phone;

        // an application, the same one again at once (a race the database settles), a bad one, an approval, sign-ins that fail
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fixture.NewClient().PostAsync(MembershipApi.Apply, new { input })));
        // every one is answered alike; the one stored is the one an admin reaches
        var admin = await fixture.AdminTokenAsync();
        string? id = null;
        foreach (var candidate in responses.Select(r => r["applyForMembership.application.id"]!.GetValue<string>()))
            if ((await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = candidate }, admin))["node"] is not null) id = candidate;
        id.ShouldNotBeNull();
        var bad = MembershipApi.Application(email);
        bad["postcode"] = "";
        await fixture.Client.PostAsync(MembershipApi.Apply, new { input = bad });
        var (_, invitation) = await MembershipApi.ApproveAsync(fixture.Client, admin, id, await fixture.BranchAsync());
        await fixture.Client.PostAsync(MembershipApi.Activate, new { input = new { invitationToken = invitation, password = "secret passphrase 77" } });
        for (var i = 0; i < 6; i++)
            await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email, password = $"wrong secret {i}" } });
        await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email, password = "secret passphrase 77" } });

        var lines = fixture.Logs.Lines.Select(l => l.ToString()).ToList();
        lines.ShouldNotBeEmpty();
        // the scopes around each line (what the JSON console log writes too) are searched with it
        lines.ShouldContain(l => l.Contains(" TraceId=", StringComparison.Ordinal) && l.Contains(" RequestPath=/graphql", StringComparison.Ordinal));
        lines.Where(l => l.Contains(email, StringComparison.OrdinalIgnoreCase)).Select(l => l.Length > 600 ? l[..600] : l).ShouldBeEmpty();
        lines.ShouldNotContain(l => l.Contains(Phone, StringComparison.Ordinal) || l.Contains("7700 900123", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains("secret passphrase", StringComparison.Ordinal) || l.Contains("wrong secret", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains(invitation, StringComparison.Ordinal));
    }
}
