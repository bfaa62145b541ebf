using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

public sealed record FlakyProbe(Guid Id);

public sealed record PoisonProbe(Guid Id);

/// <summary>Fails the way a message delivered twice fails: a duplicate key in a table named like Wolverine's inbox.</summary>
public sealed record DuplicateProbe(Guid Id, string ConnectionString);

/// <summary>Test-only handlers: one fails twice with a timeout and then works, one fails until it is mended.</summary>
public static class FailureProbeHandlers
{
    public static ConcurrentDictionary<Guid, int> Attempts { get; } = new();
    public static ConcurrentDictionary<Guid, bool> Mended { get; } = new();
    public static ConcurrentDictionary<Guid, bool> Done { get; } = new();

    public static void Handle(FlakyProbe message)
    {
        if (Attempts.AddOrUpdate(message.Id, 1, (_, n) => n + 1) <= 2) throw new TimeoutException($"probe {message.Id} timed out");
        Done[message.Id] = true;
    }

    public static async Task Handle(DuplicateProbe message)
    {
        Attempts.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        await using var connection = new Npgsql.NpgsqlConnection(message.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "create schema if not exists probe; " +
            "create table if not exists probe.wolverine_incoming_envelopes (id uuid constraint pkey_probe primary key); " +
            "insert into probe.wolverine_incoming_envelopes values (@id); insert into probe.wolverine_incoming_envelopes values (@id);", connection);
        command.Parameters.AddWithValue("id", message.Id);
        await command.ExecuteNonQueryAsync();
    }

    public static void Handle(PoisonProbe message)
    {
        Attempts.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        if (!Mended.ContainsKey(message.Id)) throw new InvalidOperationException($"probe {message.Id} is poisoned");
        Done[message.Id] = true;
    }
}

/// <summary>
/// A host whose Wolverine also runs the failure probes (<see cref="FailureProbeHandlers"/>), to make retries and dead
/// letters. Scheduled retries and replays wait for the durability agent's poll (every 5 s, the first after up to 5 s):
/// it polls often here, so a retry comes when its delay (FailurePolicies) is over, not up to 5 s later.
/// </summary>
public class FailureProbeFixture : PlatformFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureWolverine(o =>
        {
            o.Discovery.IncludeType(typeof(FailureProbeHandlers));
            o.Durability.ScheduledJobFirstExecution = TimeSpan.Zero;
            o.Durability.ScheduledJobPollingTime = TimeSpan.FromMilliseconds(200);
        });

    public async Task PublishAsync(object message)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(message);
    }
}

public sealed class DeadLetterFixture : FailureProbeFixture;

/// <summary>The failure probes' host served on a real port too, for a browser or a client outside the process.</summary>
public class FailureProbeServerFixture : FailureProbeFixture
{
    protected override bool UseRealServer => true;
}

/// <summary>
/// Transient failures are retried; a message that fails for good lands in the dead-letter store, which
/// admins (only) list, replay and discard through GraphQL.
/// </summary>
[StartsFirst]
public sealed class DeadLetterTests(DeadLetterFixture fixture) : IClassFixture<DeadLetterFixture>
{
    private const string List = "{ deadLetters(first: 100) { totalCount nodes { id queue messageType exceptionType exceptionMessage sentAt failedAt replayable replayCount } } }";
    private const string Replay = "mutation($ids: [ID!]!) { replayDeadLetters(input: { ids: $ids }) { count errors { code message field } } }";
    private const string Discard = "mutation($ids: [ID!]!) { discardDeadLetters(input: { ids: $ids }) { count errors { code message field } } }";

    [Fact]
    public async Task A_transient_failure_is_retried_until_the_handler_succeeds_and_is_never_dead_lettered()
    {
        var id = Guid.NewGuid();
        await fixture.PublishAsync(new FlakyProbe(id));
        await WaitUntilAsync(() => FailureProbeHandlers.Done.ContainsKey(id), "the flaky probe never succeeded");
        FailureProbeHandlers.Attempts[id].ShouldBe(3);
        (await LettersAsync()).ShouldNotContain(l => l!["exceptionMessage"]!.GetValue<string>().Contains(id.ToString()));
    }

    [Fact]
    public async Task A_message_that_fails_for_good_is_dead_lettered_listed_for_admins_only_and_replayed_once_mended()
    {
        var id = Guid.NewGuid();
        await fixture.PublishAsync(new PoisonProbe(id));
        var letter = await WaitForLetterAsync(id);
        FailureProbeHandlers.Attempts[id].ShouldBe(2, "a non-transient failure is retried once, then dead-lettered");
        letter["queue"]!.GetValue<string>().ShouldStartWith("local://");
        letter["messageType"]!.GetValue<string>().ShouldContain("PoisonProbe");
        letter["exceptionType"]!.GetValue<string>().ShouldContain("InvalidOperationException");
        letter["replayable"]!.GetValue<bool>().ShouldBeFalse();
        letter["failedAt"].ShouldNotBeNull();

        var anonymous = await fixture.Client.PostAsync(List);
        anonymous.ErrorCodes.ShouldContain("UNAUTHENTICATED");
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var asMember = await fixture.Client.PostAsync(List, token: member.Token);
        asMember.ErrorCodes.ShouldContain("FORBIDDEN");
        (await fixture.Client.PostAsync(Replay, new { ids = new[] { letter["id"]!.GetValue<string>() } }, member.Token)).ErrorCodes.ShouldContain("FORBIDDEN");

        FailureProbeHandlers.Mended[id] = true;
        var replayed = await fixture.Client.PostAsync(Replay, new { ids = new[] { letter["id"]!.GetValue<string>() } }, await fixture.AdminTokenAsync());
        replayed.UserErrors("replayDeadLetters").ShouldBeEmpty();
        replayed["replayDeadLetters.count"]!.GetValue<int>().ShouldBe(1);
        await WaitUntilAsync(() => FailureProbeHandlers.Done.ContainsKey(id), "the replayed message never ran");
        await WaitUntilAsync(async () => (await LettersAsync()).All(l => !l!["exceptionMessage"]!.GetValue<string>().Contains(id.ToString())),
            "the replayed message is still listed");
    }

    [Fact]
    public async Task A_duplicate_delivery_is_dropped_not_retried_nor_dead_lettered()
    {
        var id = Guid.NewGuid();
        await fixture.PublishAsync(new DuplicateProbe(id, fixture.ConnectionString));
        await WaitUntilAsync(() => FailureProbeHandlers.Attempts.ContainsKey(id), "the probe never ran");
        // a retry would come 2 s later, a dead letter after that: wait past both
        await Task.Delay(TimeSpan.FromSeconds(5));
        FailureProbeHandlers.Attempts[id].ShouldBe(1);
        (await LettersAsync()).ShouldNotContain(l => l!["messageType"]!.GetValue<string>().Contains("DuplicateProbe"));
    }

    [Fact]
    public async Task Discarding_removes_a_dead_letter_and_its_work_is_never_done()
    {
        var id = Guid.NewGuid();
        await fixture.PublishAsync(new PoisonProbe(id));
        var letter = await WaitForLetterAsync(id);
        var admin = await fixture.AdminTokenAsync();
        var discarded = await fixture.Client.PostAsync(Discard, new { ids = new[] { letter["id"]!.GetValue<string>() } }, admin);
        discarded.UserErrors("discardDeadLetters").ShouldBeEmpty();
        discarded["discardDeadLetters.count"]!.GetValue<int>().ShouldBe(1);
        (await LettersAsync()).ShouldNotContain(l => l!["exceptionMessage"]!.GetValue<string>().Contains(id.ToString()));
        FailureProbeHandlers.Done.ContainsKey(id).ShouldBeFalse();
    }

    [Fact]
    public async Task Unknown_ids_are_NOT_FOUND_and_an_empty_or_overlong_list_is_VALIDATION()
    {
        var admin = await fixture.AdminTokenAsync();
        var unknown = Platform.GlobalId.Encode("DeadLetter", Guid.NewGuid());
        (await fixture.Client.PostAsync(Replay, new { ids = new[] { unknown } }, admin)).UserErrors("replayDeadLetters").Single().Code.ShouldBe("NOT_FOUND");
        (await fixture.Client.PostAsync(Discard, new { ids = new[] { "not-an-id" } }, admin)).UserErrors("discardDeadLetters").Single().Code.ShouldBe("NOT_FOUND");
        (await fixture.Client.PostAsync(Replay, new { ids = Array.Empty<string>() }, admin)).UserErrors("replayDeadLetters").Single().Code.ShouldBe("VALIDATION");
        var many = Enumerable.Range(0, 101).Select(_ => unknown).ToArray();
        (await fixture.Client.PostAsync(Discard, new { ids = many }, admin)).UserErrors("discardDeadLetters").Single().Code.ShouldBe("VALIDATION");
    }

    private async Task<JsonArray> LettersAsync()
    {
        var data = await fixture.Client.DataAsync(List, token: await fixture.AdminTokenAsync());
        return data["deadLetters"]!["nodes"]!.AsArray();
    }

    private async Task<JsonNode> WaitForLetterAsync(Guid probe)
    {
        JsonNode? found = null;
        await WaitUntilAsync(async () =>
            (found = (await LettersAsync()).FirstOrDefault(l => l!["exceptionMessage"]!.GetValue<string>().Contains(probe.ToString()))) is not null,
            "the poisoned message never reached the dead letters");
        return found!;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string failure) => WaitUntilAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(failure);
            await Task.Delay(200);
        }
    }
}
