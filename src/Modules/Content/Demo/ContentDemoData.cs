namespace WorkersPower.Content.Demo;

/// <summary>A few published articles and the standing pages, loaded once by build/run.sh.</summary>
internal sealed class ContentDemoData : IDemoData
{
    public int Order => 30;

    public async Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IContentStore>();
        await using (var check = store.QuerySession())
            if (await check.Query<Article>().AnyAsync(cancellationToken)) return;
        var bus = services.GetRequiredService<IMessageBus>();
        var editor = new Caller(Guid.Empty, null, [Roles.Editor]);
        (string Title, string Summary, string Body, string[] Tags, Visibility Visibility, bool Publish)[] articles =
        [
            ("Why we organise at the base", "Rank-and-file committees win what officials will not.", "## The lesson of the last strike wave\n\nWhere workers ran their own disputes, they won more.\n\nBuild committees in every workplace.", ["rank-and-file", "unions"], Visibility.Public, true),
            ("Stop arming the occupation", "Workers can refuse to handle arms shipments.", "Dockers and logistics workers have shown the way: **no arms through our workplaces**.", ["palestine"], Visibility.Public, true),
            ("Branch organisers' briefing", "For members: this month's priorities.", "1. Depot committees\n2. The national demonstration\n3. Paper sales", ["internal"], Visibility.Members, true),
            ("Draft: the far right and the cost of living", "Not yet published.", "Work in progress.", ["anti-fascism"], Visibility.Public, false),
        ];
        foreach (var a in articles)
        {
            var drafted = await bus.InvokeAsync<CommandResult>(new DraftArticle(a.Title, a.Body, a.Summary, a.Tags, a.Visibility, null, null, editor), cancellationToken);
            if (drafted.Id is not { } id) throw new InvalidOperationException("Demo article refused: " + string.Join("; ", drafted.Errors.Select(e => e.Message)));
            if (a.Publish) await bus.InvokeAsync<CommandResult>(new PublishArticle(id, editor), cancellationToken);
        }
        foreach (var (slug, title, body) in new[]
        {
            ("about-us", "About us", "Workers Power is a revolutionary socialist organisation."),
            ("the-programme", "The programme", "Our programme sets out the demands we fight for."),
            ("how-to-join", "How to join", "Apply with the join form; an organiser will be in touch."),
        })
            await bus.InvokeAsync<CommandResult>(new SavePage(slug, title, body, null, editor), cancellationToken);
    }
}
