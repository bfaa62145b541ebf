namespace WorkersPower.Membership.Members;

/// <summary>Members' global ids for node(id:), with the same visibility as the direct fields.</summary>
internal sealed class MemberNodeResolver : INodeResolver
{
    public string TypeName => MemberType.TypeName;

    public async Task<object?> ResolveAsync(Guid id, IResolveFieldContext context)
    {
        if (await context.ActorAsync() is not { } actor) return null;
        var member = await context.LoadMember(id).GetResultAsync(context.CancellationToken);
        return member is not null && actor.Sees(member) ? member : null;
    }

    /// <summary>Several members in one query (other modules' lists of members use it), with the same rule.</summary>
    public async Task<IReadOnlyDictionary<Guid, object>> ResolveManyAsync(IReadOnlyCollection<Guid> ids, IResolveFieldContext context)
    {
        if (await context.ActorAsync() is not { } actor) return new Dictionary<Guid, object>();
        var loads = ids.Select(id => context.LoadMember(id)).ToList(); // queued together: one batch
        var found = new Dictionary<Guid, object>(ids.Count);
        foreach (var load in loads)
            if (await load.GetResultAsync(context.CancellationToken) is { } member && actor.Sees(member)) found[member.Id] = member;
        return found;
    }
}
