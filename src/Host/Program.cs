using WorkersPower.Host.Composition;
using WorkersPower.Campaigns;
using WorkersPower.Content;
using WorkersPower.Decisions;
using WorkersPower.Membership;

var builder = WebApplication.CreateBuilder(args);

// The modules this host composes. The host knows nothing else of them.
IModule[] modules = [new MembershipModule(), new CampaignsModule(), new ContentModule(), new DecisionsModule()];

builder.AddWorkersPower(modules);

var app = builder.Build();
app.UseWorkersPower();

// A plain start (no arguments, or only options such as --urls) runs the host itself. JasperFx's command line
// is for its commands (codegen, describe, resources, ...): before anything else it searches every assembly
// for commands and prints a line per assembly ("Searching 'Marten, Version=...' for commands"), noise in
// front of the host's own start-up lines.
if (args.Length == 0 || args[0].StartsWith('-'))
{
    await app.RunAsync();
    return 0;
}
return await app.RunJasperFxCommands(args);

/// <summary>The host's entry point (public so tests can start it with WebApplicationFactory).</summary>
public partial class Program;
