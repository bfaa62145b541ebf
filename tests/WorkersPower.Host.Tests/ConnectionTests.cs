using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;

namespace WorkersPower.Host.Tests;

/// <summary>The connection helper's pure part: a page from Size+1 rows, forward and backward.</summary>
public sealed class ConnectionTests
{
    private static readonly string[] Keys = ["a", "b", "c", "d", "e"];

    [Fact]
    public void A_forward_page_has_a_next_page_when_the_extra_row_came_and_a_previous_page_after_a_cursor()
    {
        var first = new PageRequest(2, null).ToConnection(Keys[..3], k => k, 5);
        first.Nodes.ShouldBe(["a", "b"]);
        first.PageInfo.ShouldBe(new PageInfo(true, false, Cursor.Encode("a"), Cursor.Encode("b")));
        first.TotalCount.ShouldBe(5);

        var last = new PageRequest(2, "c").ToConnection(Keys[3..], k => k, 5);
        last.Nodes.ShouldBe(["d", "e"]);
        last.PageInfo.HasNextPage.ShouldBeFalse();
        last.PageInfo.HasPreviousPage.ShouldBeTrue();
    }

    [Fact]
    public void A_backward_page_comes_in_the_lists_order_with_a_previous_page_when_the_extra_row_came()
    {
        // fetched newest first (the fetching direction), three rows for a page of two
        var end = new PageRequest(2, null, Backward: true).ToConnection(["e", "d", "c"], k => k, 5);
        end.Nodes.ShouldBe(["d", "e"]);
        end.PageInfo.ShouldBe(new PageInfo(false, true, Cursor.Encode("d"), Cursor.Encode("e")));

        var start = new PageRequest(2, "c", Backward: true).ToConnection(["b", "a"], k => k, 5);
        start.Nodes.ShouldBe(["a", "b"]);
        start.PageInfo.ShouldBe(new PageInfo(true, false, Cursor.Encode("a"), Cursor.Encode("b")));
    }

    [Fact]
    public void Cursors_round_trip_and_foreign_text_is_refused()
    {
        Cursor.TryDecode(Cursor.Encode("00000000000000000001|ab"), out var key).ShouldBeTrue();
        key.ShouldBe("00000000000000000001|ab");
        Cursor.TryDecode("not-a-cursor", out _).ShouldBeFalse();
        Cursor.TryDecode(new string('x', 300), out _).ShouldBeFalse();
    }
}
