using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>The one rule for text inputs: unit cases, then the same refusal from each module over HTTP.</summary>
public sealed class TextInputTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Theory]
    [InlineData("plain text", false, true)]
    [InlineData("Zoë Müller-Łukasz 😀", false, true)]
    [InlineData("two\nlines", false, false)]
    [InlineData("two\nlines\tand a tab\r\n", true, true)]
    [InlineData("bell\u0007", true, false)]
    [InlineData("c1\u0085", true, false)]
    [InlineData("del\u007F", false, false)]
    [InlineData("non-character \uFFFE", true, false)]
    [InlineData("non-character \uFFFF", true, false)]
    [InlineData("non-character \uFDD0", true, false)]
    [InlineData("plane one non-character \uD83F\uDFFF", true, false)] // U+1FFFF
    [InlineData("replacement \uFFFD is text", false, true)]
    public void Text_is_what_xml_and_unicode_call_text(string value, bool multiline, bool ok) =>
        TextInput.IsText(value, multiline).ShouldBe(ok);

    [Fact]
    public void Lone_surrogates_are_not_text()
    {
        // not as InlineData: test discovery would turn a lone surrogate into U+FFFD on its way to the test
        foreach (var value in new[] { "lone high \uD800 surrogate", "lone low \uDC00 surrogate", "ends with a high \uD83D", "\uDE00\uD83D reversed pair" })
            TextInput.IsText(value, multiline: true).ShouldBeFalse(value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Every_module_refuses_non_characters_in_text_inputs_as_a_validation_error_on_the_field()
    {
        var application = MembershipApi.Application(MembershipApi.UniqueEmail(), "Ro\uFFFFsa");
        var applied = await fixture.Client.PostAsync(MembershipApi.Apply, new { input = application });
        applied.UserErrors("applyForMembership").ShouldBe([("VALIDATION", TextInput.NotText("Given name"), "input.givenName")]);

        var organiser = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER", "EDITOR");
        var launched = await fixture.Client.PostAsync("mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { errors { code message field } } }",
            new { input = new { title = "A title \uFFFE here", summary = "Why." } }, organiser.Token);
        launched.UserErrors("launchCampaign").Select(e => (e.Code, e.Field)).ShouldBe([("VALIDATION", "input.title")]);

        var drafted = await fixture.Client.PostAsync("mutation($input: DraftArticleInput!) { draftArticle(input: $input) { errors { code message field } } }",
            new { input = new { title = "Fine title", body = "A body with \uFDD0 in it.", summary = "Fine.\uFFFF", visibility = "PUBLIC", tags = new[] { "news" } } }, organiser.Token);
        drafted.UserErrors("draftArticle").Select(e => (e.Code, e.Field)).ShouldBe([("VALIDATION", "input.summary"), ("VALIDATION", "input.body")], ignoreOrder: true);
    }
}
