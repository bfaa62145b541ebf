using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Weasel.Core;
using Wolverine.Marten;
using WorkersPower.Campaigns.Demo;

namespace WorkersPower.Campaigns;

/// <summary>Campaigns: campaigns, actions, sign-ups, attendance, outcomes and live progress.</summary>
public sealed class CampaignsModule : IModule
{
    public const string Schema = "campaigns";

    public string Name => Schema;

    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        var store = services.AddMartenStore<ICampaignsStore>(o =>
            {
                o.UseModuleDefaults(Schema, context);
                // Quick appends: no round trip for sequence numbers and stream state before a commit (no inline projection here reads them).
                o.Events.AppendMode = JasperFx.Events.EventAppendMode.Quick;

                o.Projections.Add<CampaignProjection>(ProjectionLifecycle.Inline);
                o.Projections.Add<CampaignActionProjection>(ProjectionLifecycle.Inline);
                o.Projections.Add<CampaignProgressProjection>(ProjectionLifecycle.Inline);
                o.Projections.Add<ActionSignUpProjection>(ProjectionLifecycle.Inline);
                // Daily activity can lag a moment: the async daemon builds it off the write path.
                o.Projections.Add<CampaignDayProjection>(ProjectionLifecycle.Async);

                o.Schema.For<Campaign>().UniqueIndex(x => x.Slug).Duplicate(x => x.Status).Duplicate(x => x.Sequence);
                o.Schema.For<CampaignAction>()
                    .Duplicate(x => x.CampaignId)
                    .Duplicate(x => x.BranchId!)
                    .Duplicate(x => x.StartsAt)
                    .Duplicate(x => x.Status)
                    .Duplicate(x => x.SortKey);
                o.Schema.For<CampaignProgress>();
                o.Schema.For<CampaignParticipant>().Duplicate(x => x.CampaignId);
                // messages about one member may be handled at once: a write that lost a race fails and is run again
                o.Schema.For<CampaignMember>().UseOptimisticConcurrency(true);
                // an action's list is read page by page in SortKey order: one index answers filter, order and keyset
                o.Schema.For<ActionSignUp>()
                    .Duplicate(x => x.ActionId)
                    .Duplicate(x => x.MemberId)
                    .Duplicate(x => x.CampaignId)
                    .Duplicate(x => x.SortKey)
                    .Index([x => x.ActionId, x => x.SortKey], i => i.Name = "mt_doc_actionsignup_idx_action_sort");
                o.Schema.For<MemberNotice>().Duplicate(x => x.MemberId).Duplicate(x => x.Sequence);
                o.Schema.For<CampaignDay>().Duplicate(x => x.CampaignId).Duplicate(x => x.Day);
                o.Schema.For<CampaignsStartupStep>();
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine()
            .ApplySchemaOnStartup(context);
        if (context.ProjectionDaemon != DaemonMode.Disabled) store.AddAsyncDaemon(context.ProjectionDaemon);

        services.AddSingleton(new ModuleStore(Name, typeof(ICampaignsStore)));
        services.AddSingleton<CampaignProgressFeed>();
        services.AddSingleton(s => CampaignProgressSubscription.LiveProgress(s.GetRequiredService<CampaignProgressFeed>(), s.GetRequiredService<ICampaignsStore>()));
        services.AddSingleton(s => ActionCountsSubscription.LiveCounts(s.GetRequiredService<CampaignProgressFeed>(), s.GetRequiredService<ICampaignsStore>()));
        // Live progress crosses nodes through PostgreSQL's LISTEN/NOTIFY (one path, one node or many).
        services.AddSingleton(s => ActivatorUtilities.CreateInstance<ProgressNotifier>(s, context.ConnectionString));
        services.AddHostedService(s => s.GetRequiredService<ProgressNotifier>());
        services.AddSingleton(s => ActivatorUtilities.CreateInstance<ProgressListener>(s, context.ConnectionString));
        services.AddHostedService(s => s.GetRequiredService<ProgressListener>());
        services.AddSingleton<IDemoData, CampaignsDemoData>();
        services.AddSingleton<Membership.Contracts.IMemberDataExporter, CampaignsDataExporter>();
        services.AddSingleton<Contracts.ICampaignDirectory, CampaignDirectory>();
        services.AddSingleton<Contracts.ICampaignAudience, SignUpAudience>();
        // after the store's schema is applied (its hosted service is registered above): the one-off migrations
        services.AddHostedService<CampaignsStartupSteps>();
    }

    public void ConfigureWolverine(WolverineOptions options, ModuleContext context)
    {
        options.Policies.UseAncillaryStorageFromAssemblyContaining<CampaignsModule>(typeof(ICampaignsStore));
        // Progress notices are for live subscribers only: no need to make them durable.
        options.LocalQueueFor<CampaignProgressChanged>().BufferedInMemory();
    }
}
