using System.Diagnostics;
using System.Globalization;
using JasperFx.CommandLine;
using Marten;
using Wolverine;
using WorkersPower.Host.Composition;
using WorkersPower.Membership;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Branches;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;

// The benchmark's data loader: `seed <members> <branches>` writes a realistic data set straight into the
// platform's stores (through the same Marten configuration the host uses) and prints how fast it went.
// build/bench.sh runs it; the connection string comes from ConnectionStrings__Postgres.
if (args.Length < 1 || args[0] != "seed")
{
    Console.Error.WriteLine("usage: WorkersPower.Bench seed <members> <branches>");
    return 2;
}
var members = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var branchCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;

JasperFxEnvironment.AutoStartHost = true;
var builder = WebApplication.CreateBuilder([]);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration["Auth:SigningKey"] ??= "bench-seeder-key-that-is-long-enough-0123456789";
builder.AddWorkersPower([new MembershipModule()]);
await using var app = builder.Build();
app.UseWorkersPower();
await app.StartAsync();

var store = app.Services.GetRequiredService<IMembershipStore>();
var bus = app.Services.GetRequiredService<IMessageBus>();
var clock = Stopwatch.StartNew();

var branchIds = new List<Guid>();
for (var b = 0; b < branchCount; b++)
{
    var result = await bus.InvokeAsync<CreateBranchResult>(new CreateBranch($"Bench branch {b:000}", $"Region {b % 10}", Guid.Empty));
    branchIds.Add(result.Branch!.Id);
}

string[] given = ["Sam", "Priya", "Tomasz", "Aisha", "Declan", "Mei", "Kwame", "Rosa", "Yusuf", "Hannah", "Omar", "Grace", "Luis", "Fatima", "Ivan", "Chloe"];
string[] family = ["Smith", "Okafor", "Patel", "Nowak", "Rahman", "Byrne", "Chen", "Mensah", "Lopez", "Ali", "Schmidt", "Jones", "Khan", "Murphy", "Silva", "Taylor"];
string[] interests = ["rank-and-file", "palestine", "anti-fascism", "publications", "students", "housing"];
var started = DateTimeOffset.UtcNow.AddMonths(-6);
const int Batch = 1000;
var events = 0L;
var seeding = Stopwatch.StartNew();
var batches = Enumerable.Range(0, (members + Batch - 1) / Batch).Select(b => b * Batch);
await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (offset, ct) =>
{
    await using var session = store.LightweightSession();
    for (var i = offset; i < Math.Min(members, offset + Batch); i++)
    {
        var id = Guid.CreateVersion7();
        var g = given[i * 7 % given.Length];
        var f = family[(i * 13 + i / 16) % family.Length];
        var e = new MembershipStarted(id, Guid.CreateVersion7(), branchIds[i % branchIds.Count], g, f,
            $"{g.ToLowerInvariant()}.{f.ToLowerInvariant()}.{i}@bench.workerspower.org", "+44 20 7946 0000", $"E{i % 20} {i % 9}AB",
            i % 3 == 0 ? "Unite" : null, null, [interests[i % interests.Length]], new Money(5 + i % 20, "GBP"), ContributionFrequency.Monthly,
            Guid.Empty, started.AddMinutes(i));
        session.Events.StartStream<MemberProfile>(id, e);
        Interlocked.Increment(ref events);
    }
    await session.SaveChangesAsync(ct);
});
seeding.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"SEED members={members} branches={branchCount} events={events} seconds={seeding.Elapsed.TotalSeconds:0.0} events_per_second={events / seeding.Elapsed.TotalSeconds:0}"));
await app.StopAsync();
return 0;
