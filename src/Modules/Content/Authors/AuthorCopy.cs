using WorkersPower.Membership.Contracts;

namespace WorkersPower.Content.Authors;

/// <summary>Content's own copy of a member's byline, kept from Membership's contract messages.</summary>
public sealed class AuthorCopy
{
    public Guid Id { get; set; }
    public string DisplayName { get; set; } = "";
    public bool Erased { get; set; }
}

public static class AuthorsHandler
{
    public static Task Handle(MemberJoined e, IDocumentSession session, CancellationToken ct) => KeepNameAsync(e.MemberId, e.DisplayName, session, ct);

    public static Task Handle(MemberRenamed e, IDocumentSession session, CancellationToken ct) => KeepNameAsync(e.MemberId, e.DisplayName, session, ct);

    /// <summary>The member's byline as Membership gave it, unless their data was erased.</summary>
    private static async Task KeepNameAsync(Guid memberId, string displayName, IDocumentSession session, CancellationToken ct)
    {
        if (await session.LoadAsync<AuthorCopy>(memberId, ct) is { Erased: true }) return;
        session.Store(new AuthorCopy { Id = memberId, DisplayName = displayName });
    }

    /// <summary>An erased member no longer appears as an author: the byline is dropped.</summary>
    public static void Handle(MemberErased e, IDocumentSession session) =>
        session.Store(new AuthorCopy { Id = e.MemberId, DisplayName = "", Erased = true });
}
