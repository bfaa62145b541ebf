using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>
/// With mail on, the addresses, names and tokens that mails carry never reach the logs: not when they are sent, and not
/// when the mail server refuses them for good (the failure is logged and dead-lettered, its recipient is not).
/// </summary>
public sealed class MailLogPrivacyTests(MailFixture fixture) : IClassFixture<MailFixture>
{
    [Fact]
    public async Task No_address_name_or_token_of_a_mail_is_logged_even_when_the_server_refuses_it()
    {
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var refused = MembershipApi.UniqueEmail("refused");
        fixture.Catcher.RejectRecipient = address => address.Equals(refused, StringComparison.OrdinalIgnoreCase);
        try
        {
            // an application whose acknowledgement the server refuses for good (550), a reset request and an email change
            var applied = await fixture.Client.PostAsync(MembershipApi.Apply, new { input = MembershipApi.Application(refused, "Clara", "Zetkinova") });
            applied.UserErrors("applyForMembership").ShouldBeEmpty(applied.Body);
            (await fixture.Client.PostAsync("mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { errors { code } } }",
                new { input = new { email = member.Email } })).UserErrors("requestPasswordReset").ShouldBeEmpty();
            var reset = (await fixture.Catcher.WaitForAsync(m => m.EnvelopeTo.Contains(member.Email, StringComparer.OrdinalIgnoreCase)
                && m.Links.Any(l => l.Contains("/reset-password?token=", StringComparison.Ordinal))))[0];
            var resetToken = MailFixture.TokenIn(reset, "/reset-password");
            var newAddress = MembershipApi.UniqueEmail("moved");
            (await fixture.Client.PostAsync("mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { errors { code } } }",
                new { input = new { email = newAddress } }, member.Token)).UserErrors("updateMyProfile").ShouldBeEmpty();
            var confirm = (await fixture.Catcher.WaitForAsync(m => m.EnvelopeTo.Contains(newAddress, StringComparer.OrdinalIgnoreCase)))[0];
            var confirmToken = MailFixture.TokenIn(confirm, "/confirm-email");

            // the refusal is dead-lettered at once: wait until an admin sees it
            var admin = await fixture.AdminTokenAsync();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await fixture.Client.DataAsync("{ deadLetters(first: 50) { nodes { exceptionMessage } } }", token: admin))["deadLetters"]!["nodes"]!.AsArray()
                   .All(n => !n!["exceptionMessage"]!.GetValue<string>().Contains("550", StringComparison.Ordinal)))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("The refused mail was not dead-lettered within 30 s.");
                await Task.Delay(200);
            }

            var lines = fixture.Logs.Lines.Select(l => l.ToString()).ToList();
            lines.ShouldContain(l => l.Contains("550", StringComparison.Ordinal), "the refusal itself is logged");
            foreach (var secret in new[] { refused, member.Email, newAddress, "Zetkinova", resetToken, confirmToken })
                lines.Where(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase)).Select(l => l.Length > 400 ? l[..400] : l).ShouldBeEmpty(secret);
        }
        finally
        {
            fixture.Catcher.RejectRecipient = null;
        }
    }
}
