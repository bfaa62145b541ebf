namespace WorkersPower.Decisions.Ballots;

/// <summary>
/// A ballot's electorate, frozen when it opened: the members in good standing in its scope at <see cref="CutOff"/> (with
/// no more than its maxMonthsInArrears), as Membership said then, sorted by id. Later joins, transfers and lapses change
/// nothing. Written once, by the opening; never shown (only its size is public).
/// </summary>
public sealed class BallotElectorate
{
    /// <summary>The ballot's id.</summary>
    public Guid Id { get; set; }

    public DateTimeOffset CutOff { get; set; }

    public List<Guid> Members { get; set; } = [];

    /// <summary>Whether the member may vote in the ballot (a binary search of the sorted ids).</summary>
    public bool Contains(Guid memberId) => Members.BinarySearch(memberId) >= 0;
}
