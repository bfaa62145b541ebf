using JasperFx;
using WorkersPower.Host.Composition;
using WorkersPower.Campaigns;
using WorkersPower.Content;
using WorkersPower.Membership;
using WorkersPower.Platform;

var builder = WebApplication.CreateBuilder(args);

// The modules this host composes. The host knows nothing else of them.
IModule[] modules = [new MembershipModule(), new CampaignsModule(), new ContentModule()];

builder.AddWorkersPower(modules);

var app = builder.Build();
app.UseWorkersPower();

return await app.RunJasperFxCommands(args);

/// <summary>The host's entry point (public so tests can start it with WebApplicationFactory).</summary>
public partial class Program;
