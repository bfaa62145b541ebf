using Marten;
using Marten.Events.Aggregation;
using WorkersPower.Platform;

namespace WorkersPower.Membership.Branches;

/// <summary>A branch was founded.</summary>
public sealed record BranchCreated(Guid BranchId, string Name, string? Region, Guid CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A branch was renamed (or its region changed).</summary>
public sealed record BranchRenamed(Guid BranchId, string Name, string? Region, Guid RenamedBy, DateTimeOffset RenamedAt);

/// <summary>A branch members are organised in (an inline projection of the branch's stream).</summary>
public sealed class Branch
{
    public Guid Id { get; set; }
    [Marten.Schema.Version]
    public long Version { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The name lower-cased: a unique index keeps branch names distinct.</summary>
    public string NameKey { get; set; } = "";

    public string? Region { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class BranchProjection : SingleStreamProjection<Branch, Guid>
{
    public static Branch Create(BranchCreated e) => new()
    {
        Id = e.BranchId,
        Name = e.Name,
        NameKey = e.Name.Trim().ToLowerInvariant(),
        Region = e.Region,
        CreatedAt = e.CreatedAt,
    };

    public static void Apply(BranchRenamed e, Branch branch)
    {
        branch.Name = e.Name;
        branch.NameKey = e.Name.Trim().ToLowerInvariant();
        branch.Region = e.Region;
    }
}

public sealed record CreateBranch(string Name, string? Region, Guid CreatedBy);

public sealed record CreateBranchResult(Branch? Branch, IReadOnlyList<UserError> Errors);

public static class CreateBranchHandler
{
    public static IReadOnlyList<UserError> Validate(CreateBranch command)
    {
        var rules = new TextRules();
        rules.Required("name", command.Name, 100, "Branch name");
        rules.Optional("region", command.Region, 100, "Region");
        return rules.Errors;
    }

    public static async Task<CreateBranchResult> Handle(CreateBranch command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(command);
        if (errors.Count > 0) return new CreateBranchResult(null, errors);
        var key = command.Name.Trim().ToLowerInvariant();
        if (await session.Query<Branch>().AnyAsync(b => b.NameKey == key, cancellationToken))
            return new CreateBranchResult(null, [UserError.AlreadyExists($"A branch named '{command.Name.Trim()}' exists already.", "input", "name")]);
        var created = new BranchCreated(Guid.CreateVersion7(), command.Name.Trim(), TextRules.Clean(command.Region), command.CreatedBy, clock.GetUtcNow());
        session.Events.StartStream<Branch>(created.BranchId, created);
        return new CreateBranchResult(BranchProjection.Create(created), []);
    }
}

public sealed record RenameBranch(Guid BranchId, string Name, string? Region, Guid RenamedBy);

public static class RenameBranchHandler
{
    public static async Task<CreateBranchResult> Handle(RenameBranch command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = CreateBranchHandler.Validate(new CreateBranch(command.Name, command.Region, command.RenamedBy));
        if (errors.Count > 0) return new CreateBranchResult(null, errors);
        var stream = await session.Events.FetchForWriting<Branch>(command.BranchId, cancellationToken);
        if (stream.Aggregate is not { } branch) return new CreateBranchResult(null, [UserError.NotFound("There is no such branch.", "input", "branchId")]);
        var key = command.Name.Trim().ToLowerInvariant();
        if (key != branch.NameKey && await session.Query<Branch>().AnyAsync(b => b.NameKey == key, cancellationToken))
            return new CreateBranchResult(null, [UserError.AlreadyExists($"A branch named '{command.Name.Trim()}' exists already.", "input", "name")]);
        var renamed = new BranchRenamed(branch.Id, command.Name.Trim(), TextRules.Clean(command.Region), command.RenamedBy, clock.GetUtcNow());
        stream.AppendOne(renamed);
        var result = new Branch { Id = branch.Id, Version = branch.Version + 1, CreatedAt = branch.CreatedAt };
        BranchProjection.Apply(renamed, result);
        return new CreateBranchResult(result, []);
    }
}
