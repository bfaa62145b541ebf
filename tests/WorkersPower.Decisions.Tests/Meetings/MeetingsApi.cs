using WorkersPower.Testing;

namespace WorkersPower.Decisions.Tests.Meetings;

/// <summary>The meeting operations as the web client sends them.</summary>
internal static class MeetingsApi
{
    public const string MotionFields = """
        id title text version status versions { version text byAmendment } mover { memberId displayName } seconders { displayName }
        amendments { id order text status mover { displayName } seconders { displayName } ballot { id } } ballot { id kind }
        """;

    public const string MeetingFields = """
        id title body status secondersRequired scope { kind branch { id } } convenedBy { memberId displayName } chair { memberId displayName }
        viewerMayChair motions { id title status } ballots { id title kind options status } proxies { grantor { displayName } holder { displayName } }
        """;

    public static Task<GraphQLResponse> Mutate(MeetingsFixture fixture, string name, string inputType, string selection, object input, string token) =>
        fixture.NewClient().PostAsync($"mutation($input: {inputType}!) {{ {name}(input: $input) {{ {selection} errors {{ code message field }} }} }}", new { input }, token);

    public static async Task<string> ConveneAsync(MeetingsFixture fixture, string token, string? branchId, string body = "BRANCH_MEETING", int seconders = 1)
    {
        var response = await Mutate(fixture, "conveneMeeting", "ConveneMeetingInput", "meeting { id }",
            new { title = "General meeting", body, branchId, startsAt = DateTimeOffset.UtcNow.AddDays(1), secondersRequired = seconders }, token);
        response.UserErrors("conveneMeeting").ShouldBeEmpty(response.Body);
        return response["conveneMeeting.meeting.id"]!.GetValue<string>();
    }

    public static async Task<string> SubmitAsync(MeetingsFixture fixture, string token, string meetingId, string text = "We resolve to organise every workplace.")
    {
        var response = await Mutate(fixture, "submitMotion", "SubmitMotionInput", "motion { id }", new { meetingId, title = "Organise", text }, token);
        response.UserErrors("submitMotion").ShouldBeEmpty(response.Body);
        return response["submitMotion.motion.id"]!.GetValue<string>();
    }

    public static Task<GraphQLResponse> Node(MeetingsFixture fixture, string id, string token, string fragment) =>
        fixture.NewClient().PostAsync($"query($id: ID!) {{ node(id: $id) {{ {fragment} }} }}", new { id }, token);
}
