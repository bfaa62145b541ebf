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
        NameKey = BranchRules.KeyOf(e.Name),
        Region = e.Region,
        CreatedAt = e.CreatedAt,
    };

    public static void Apply(BranchRenamed e, Branch branch)
    {
        branch.Name = e.Name;
        branch.NameKey = BranchRules.KeyOf(e.Name);
        branch.Region = e.Region;
    }
}

/// <summary>The rules a branch's name and region meet, when it is founded and when it is renamed.</summary>
public static class BranchRules
{
    public static readonly UserError NoSuchBranch = UserError.NotFound("There is no such branch.", "input", "branchId");

    /// <summary>The key branch names are compared by (a unique index keeps them distinct).</summary>
    public static string KeyOf(string name) => name.Trim().ToLowerInvariant();

    public static IReadOnlyList<UserError> Check(string name, string? region)
    {
        var rules = new TextRules();
        rules.Required("name", name, 100, "Branch name");
        rules.Optional("region", region, 100, "Region");
        return rules.Errors;
    }

    public static UserError NameTaken(string name) => UserError.AlreadyExists($"A branch named '{name.Trim()}' exists already.", "input", "name");
}
