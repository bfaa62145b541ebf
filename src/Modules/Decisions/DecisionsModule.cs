using JasperFx.Events.Projections;
using Wolverine.Marten;

namespace WorkersPower.Decisions;

/// <summary>
/// Decisions: meetings of a branch or of the whole organisation, motions with seconders and amendments, ballots
/// (yes/no/abstain, a choice of one, elections by single transferable vote), secret yet verifiable or recorded,
/// with a frozen electorate, quorum, live turnout and proxies. It asks Membership only through IElectorate.
/// </summary>
public sealed class DecisionsModule : IModule
{
    public const string Schema = "decisions";

    public string Name => Schema;

    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddMartenStore<IDecisionsStore>(o =>
            {
                o.UseModuleDefaults(Schema, context);
                o.Projections.Add<Meetings.MeetingProjection>(ProjectionLifecycle.Inline);
                o.Projections.Add<Ballots.BallotProjection>(ProjectionLifecycle.Inline);
                o.Projections.Add<Motions.MotionProjection>(ProjectionLifecycle.Inline);
                o.Schema.For<Meetings.Meeting>().Duplicate(x => x.BranchId).Duplicate(x => x.Sequence);
                o.Schema.For<Ballots.Ballot>().Duplicate(x => x.MeetingId).Duplicate(x => x.Status);
                o.Schema.For<Motions.Motion>().Duplicate(x => x.MeetingId);
                o.Schema.For<Ballots.BallotElectorate>();
                o.Schema.For<Ballots.BallotResult>();
                o.Storage.ExtendedSchemaObjects.AddRange(Ballots.VoteStore.Tables(Schema));
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine()
            .ApplySchemaOnStartup(context);

        services.AddSingleton(new ModuleStore(Name, typeof(IDecisionsStore)));
        services.AddSingleton<IDemoData, Demo.DecisionsDemoData>();
        services.AddSingleton<Membership.Contracts.IMemberDataExporter, Ballots.DecisionsDataExporter>();
        services.AddSingleton<Ballots.TurnoutFeed>();
        services.AddSingleton(s => Ballots.BallotTurnoutSubscription.LiveTurnout(s.GetRequiredService<Ballots.TurnoutFeed>(), s.GetRequiredService<IDecisionsStore>()));
        services.AddHostedService(s => ActivatorUtilities.CreateInstance<Ballots.TurnoutListener>(s, context.ConnectionString));
    }

    public void ConfigureWolverine(WolverineOptions options, ModuleContext context) =>
        options.Policies.UseAncillaryStorageFromAssemblyContaining<DecisionsModule>(typeof(IDecisionsStore));
}
