using System.Globalization;
using JasperFx.CommandLine;
using WorkersPower.Bench;
using WorkersPower.Campaigns;
using WorkersPower.Content;
using WorkersPower.Host.Composition;
using WorkersPower.Membership;
using WorkersPower.Platform;

// The benchmark's helper program, run by build/bench.sh (the connection string comes from ConnectionStrings__Postgres):
//   seed <outdir> [members branches campaigns actionsPerCampaign signUps articles accounts mailMembers]
//       loads the data set through the platform's own Marten configuration and prints SEED lines
//   rebuild <projection>   rebuilds an asynchronous projection and prints a REBUILD line
//   baseline <url>         serves the plain-Npgsql baseline of the campaign page
//   subscribers <graphql url> <pairs.tsv> <campaign id> <subscribers> <rate> <seconds> [host pid [warm-up seconds]]
//                          the subscription scenario (Subscribers.cs): prints a SUBS line
//   otlp-sink <url>        takes the host's OTLP exports in the tracing scenario (OtlpSink.cs)
switch (args.FirstOrDefault())
{
    case "seed" when args.Length >= 2:
    {
        int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
        var plan = new SeedPlan(Members: Arg(2, 100_000), Branches: Arg(3, 50), Campaigns: Arg(4, 1_000), ActionsPerCampaign: Arg(5, 20),
            SignUps: Arg(6, 500_000), Articles: Arg(7, 10_000), Accounts: Arg(8, 2_000), MailMembers: Arg(9, 0));
        await using var app = await StartPlatformAsync();
        await new Seeder(app.Services, plan, args[1]).RunAsync();
        await app.StopAsync();
        return 0;
    }
    case "rebuild" when args.Length == 2:
    {
        await using var app = await StartPlatformAsync();
        var result = await Rebuild.RunAsync(app.Services, args[1]);
        await app.StopAsync();
        return result;
    }
    case "baseline" when args.Length == 2:
        return await Baseline.RunAsync(args[1]);
    case "otlp-sink" when args.Length == 2:
        return await OtlpSink.RunAsync(args[1]);
    case "subscribers" when args.Length is >= 7 and <= 9:
        return await Subscribers.RunAsync(args);
    default:
        Console.Error.WriteLine("usage: WorkersPower.Bench seed <outdir> [sizes...] | rebuild <projection> | baseline <url> | subscribers <graphql url> <pairs.tsv> <campaign id> <n> <rate> <seconds> [host pid] | otlp-sink <url>");
        return 2;
}

// The platform's composition without serving anything: the stores, Wolverine and the demo-free modules.
// The async daemon stays off, so seeding measures writes alone and `rebuild` owns the projection.
static async Task<WebApplication> StartPlatformAsync()
{
    JasperFxEnvironment.AutoStartHost = true;
    var builder = WebApplication.CreateBuilder([]);
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Configuration["Auth:SigningKey"] ??= "bench-seeder-key-that-is-long-enough-0123456789";
    builder.Configuration["Projections:Daemon"] = "Disabled";
    builder.AddWorkersPower([new MembershipModule(), new CampaignsModule(), new ContentModule()]);
    var app = builder.Build();
    app.UseWorkersPower();
    await app.StartAsync();
    return app;
}
