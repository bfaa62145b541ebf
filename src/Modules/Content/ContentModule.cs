using JasperFx.Events.Projections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Wolverine.Marten;
using WorkersPower.Content.Demo;

namespace WorkersPower.Content;

/// <summary>Content: articles and pages with an editorial workflow, revisions, visibility, search and a feed.</summary>
public sealed class ContentModule : IModule
{
    public const string Schema = "content";

    public string Name => Schema;

    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        var totals = new ArticleTotals();
        services.AddSingleton(totals);
        services.AddMartenStore<IContentStore>(o =>
            {
                o.UseModuleDefaults(Schema, context);
                o.Listeners.Add(totals);
                o.Projections.Add<ArticleProjection>(ProjectionLifecycle.Inline);
                o.Schema.For<Article>()
                    .UniqueIndex(x => x.Slug)
                    .Duplicate(x => x.Kind)
                    .Duplicate(x => x.Status)
                    .Duplicate(x => x.Visibility)
                    .Duplicate(x => x.Sequence)
                    // The lists' index: status, kind and visibility are what they filter on, sequence their order. It answers
                    // a page and the list's total from the index alone (a count of 10,000 published articles: 10 ms by
                    // reading the table, 1.5 ms from this index).
                    .Index([x => x.Status, x => x.Kind, x => x.Visibility, x => x.Sequence], i => i.Name = "mt_doc_article_idx_list")
                    .Duplicate(x => x.SearchDocument, configure: i =>
                    {
                        // the full-text index: searches use exactly this expression
                        i.Method = Weasel.Postgresql.Tables.IndexMethod.gin;
                        i.Mask = "to_tsvector('english', ?)";
                    });
                o.Schema.For<AuthorCopy>();
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine()
            .ApplySchemaOnStartup(context);

        services.AddSingleton(new ModuleStore(Name, typeof(IContentStore)));
        services.AddSingleton<IDemoData, ContentDemoData>();
        services.AddSingleton<Membership.Contracts.IProgrammeRevisions, Pages.ProgrammeRevisions>(); // the programme's revisions, for the join form and members
    }

    public void ConfigureWolverine(WolverineOptions options, ModuleContext context) =>
        options.Policies.UseAncillaryStorageFromAssemblyContaining<ContentModule>(typeof(IContentStore));

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/feed.xml", (HttpContext http, IContentStore store, SiteUrl site) => AtomFeed.HandleAsync(http, store, site));
}
