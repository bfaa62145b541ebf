using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The editor's desk of the web client (/editor/*) in a real headless Chromium driven by Playwright
/// (tests/conformance/editor.mjs): a member and an organiser are told it is not theirs; an editor drafts an article
/// with its live preview, meets another editor's concurrent save without losing what they typed, resolves it,
/// compares and restores versions, sends it for review and publishes it, and edits a standing page.
/// </summary>
public sealed class WebEditorTests(RealServerFixture fixture) : IClassFixture<RealServerFixture>
{
    private static readonly string[] Pages =
        ["editor-not-member", "editor-not-organiser", "editor-articles", "editor-new-preview", "editor-new", "editor-edit", "editor-conflict",
         "editor-history", "editor-restore-confirm", "editor-archive-confirm", "editor-articles-published", "editor-pages", "editor-page", "editor-page-history"];

    private const string Title = "Nurses walk out for safe staffing";

    [Fact]
    public async Task In_chromium_an_editor_drafts_meets_a_concurrent_edit_without_losing_text_restores_a_version_and_publishes()
    {
        NodeScript.RequireChromiumAndAxe();
        var admin = await fixture.AdminTokenAsync();
        var branch = await fixture.BranchAsync();
        var editor = await MemberApi.JoinAsync(fixture, branch, "EDITOR");
        var other = await MemberApi.JoinAsync(fixture, branch, "EDITOR");
        var member = await MemberApi.JoinAsync(fixture, branch);
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        // the about page exists, as on any running site: the editor revises it
        var about = await fixture.Client.DataAsync("{ page(slug: \"about\") { version } }", token: admin);
        if (about["page"] is null)
        {
            var created = await fixture.Client.PostAsync("mutation($input: SavePageInput!) { savePage(input: $input) { errors { code message } } }",
                new { input = new { slug = "about", title = "About Workers Power", body = "We are a union of working people." } }, admin);
            created.UserErrors("savePage").ShouldBeEmpty(created.Body);
        }
        var campaignTitle = $"Safe staffing now {Guid.NewGuid():N}"[..24];
        var launched = await fixture.Client.PostAsync("mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { errors { code message } } }",
            new { input = new { title = campaignTitle, summary = "Staffing levels on every ward.", goal = 100 } }, admin);
        launched.UserErrors("launchCampaign").ShouldBeEmpty(launched.Body);
        var shots = Directory.CreateTempSubdirectory("wp-web-editor-").FullName;
        try
        {
            var (exitCode, text) = await NodeScript.RunAsync("editor.mjs", fixture.ServerAddress!.ToString(), shots, MemberApi.Password,
                editor.Email, member.Email, organiser.Email, other.Token, campaignTitle);
            exitCode.ShouldBe(0, text);
            var lines = text.Split('\n');
            string Line(string prefix) => lines.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{text}");

            foreach (var who in new[] { "member", "organiser" })
            {
                Line($"NOTYOURS {who}").ShouldStartWith($"NOTYOURS {who} /editor | Editing | This part is for editors. Your account does not hold that role; if you think it should, ask an admin. | mutations=0 | menu=");
                Line($"NOTYOURS {who}").Split("menu=")[1].ShouldNotContain("Editing");
            }
            Line("NOTYOURS organiser").Split("menu=")[1].ShouldContain("Organise");
            Line("EDITORMENU").ShouldContain("Editing");
            Line("LIST").ShouldBe("LIST Articles | Drafts | In review | Published | Unpublished | Archived | current=Drafts | No articles here.");
            Line("DRAFTERROR").ShouldBe("DRAFTERROR The title is required, up to 300 characters. describedby=title-error | Nothing was saved: please check the fields marked above.");
            Line("PREVIEW").ShouldBe("PREVIEW Why we strike | fair pay, safe staffing");
            Line("SWITCH").ShouldBe("SWITCH write=false preview=true");
            Line("SIDEBYSIDE").ShouldBe("SIDEBYSIDE write=true preview=true");
            Line("DRAFTED").ShouldBe("DRAFTED /editor/articles/<id> | The draft is saved. Only editors can see it until it is published.");
            Line("CONCURRENT").ShouldBe("CONCURRENT 2");
            Line("CONFLICT").ShouldBe("CONFLICT Someone else saved this article while you were editing it | Your changes are not saved yet, and they are still in the fields below. You started from version 1; it is now at version 2.");
            Line("KEPT").ShouldBe("KEPT Our text, typed here while they saved.");
            Line("THEIRCHANGES").ShouldBe("THEIRCHANGES Added: - no cuts");
            Line("RESOLVED").ShouldBe("RESOLVED Your changes are saved. | Draft Version 3. History and earlier versions");
            Line("VERSIONS").ShouldBe("VERSIONS 3 | 3 of 3 versions shown, newest first.");
            Line("WHO").ShouldBe("WHO Rosa Worker | Rosa Worker | Rosa Worker"); // the editor, the other editor, the editor (MemberApi's people share a name)
            Line("DIFF").ShouldBe("DIFF Changes from version 1 to version 3 | Title unchanged: “Nurses walk out for safe staffing”. 2 lines added, 0 removed.");
            Line("RESTORED").ShouldBe("RESTORED Version 1 is restored: it is now the current text, as version 4. The versions in between stay in the history. | # Why we strike / We want: / - fair pay / - safe staffing");
            Line("CAMPAIGN").ShouldBe($"CAMPAIGN Your changes are saved. | {campaignTitle}");
            Line("REVIEW").ShouldBe("REVIEW It is in review: another editor can now publish it. | In review");
            Line("PUBLISHED").ShouldStartWith("PUBLISHED It is published: the people it is meant for can read it at /articles/nurses-walk-out-for-safe-staffing");
            Line("PUBLISHED").ShouldEndWith("| Published");
            Line("ARCHIVECONFIRM").ShouldBe("ARCHIVECONFIRM Archive this article? | It comes off the site if it is published, and can never be changed, published or restored again. Its history is kept.");
            Line("PUBLIC").ShouldMatch($"^PUBLIC /articles/nurses-walk-out-for-safe-staffing[-0-9]* \\| {Title} \\| Why we strike \\| fair pay, safe staffing \\| Part of the campaign {campaignTitle}\\.$");
            Line("LISTED").ShouldContain(Title);
            Line("PAGES").ShouldStartWith("PAGES Standing pages | ");
            Line("PAGES").ShouldContain("About us");
            Line("PAGESAVED").ShouldBe("PAGESAVED The page is saved. It shows at /about now.");
            int.Parse(Line("PAGEHISTORY").Split(' ')[1]).ShouldBeGreaterThanOrEqualTo(2);
            Line("PAGEPUBLIC").ShouldBe("PAGEPUBLIC true");

            foreach (var page in new[] { "not-member", "not-organiser", "articles", "new-error", "new", "edit", "conflict", "history", "restore-confirm", "archive-confirm", "articles-published", "pages", "page", "page-history" })
                Line($"AXE {page}").ShouldBe($"AXE {page} none");
            lines.ShouldNotContain(l => l.StartsWith("SIDEWAYS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("PAGEERRORS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("CONSOLE", StringComparison.Ordinal), text);
            foreach (var page in Pages)
            foreach (var size in new[] { "390x844", "1280x800" })
                new FileInfo(Path.Combine(shots, $"{page}-{size}.png")).Length.ShouldBeGreaterThan(10_000);

            // what the server holds: published at version 8 (the draft, theirs, ours over theirs, the restore, a version moved
            // into the campaign, review, publication), the restore made from version 1, and the about page with the editor's paragraph
            var slug = Line("PUBLIC").Split(' ')[1]["/articles/".Length..];
            var article = (await fixture.Client.DataAsync(
                "query($slug: String!) { article(slug: $slug) { status version body campaign { title } revisions { nodes { version restoredFrom } } } }", new { slug }, editor.Token))["article"]!;
            article["status"]!.GetValue<string>().ShouldBe("PUBLISHED");
            article["version"]!.GetValue<int>().ShouldBe(8);
            article["campaign"]!["title"]!.GetValue<string>().ShouldBe(campaignTitle);
            article["body"]!.GetValue<string>().ShouldBe("# Why we strike\n\nWe want:\n\n- fair pay\n- safe staffing");
            article["revisions"]!["nodes"]!.AsArray().Select(r => (r!["version"]!.GetValue<int>(), r["restoredFrom"]?.GetValue<int>())).ShouldBe([(5, null), (4, 1), (3, null), (2, null), (1, null)]);
            var page2 = (await fixture.Client.DataAsync("{ page(slug: \"about\") { body } }", token: editor.Token))["page"]!;
            page2["body"]!.GetValue<string>().ShouldEndWith("We meet every Thursday at the community centre.");
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WP_KEEP_SCREENSHOTS") is null) Directory.Delete(shots, recursive: true);
        }
    }
}
