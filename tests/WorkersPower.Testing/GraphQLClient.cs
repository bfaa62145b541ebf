using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shouldly;

namespace WorkersPower.Testing;

/// <summary>Posts GraphQL operations to /graphql as a web client would.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, string? token = null, string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables, operationName }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse(response.StatusCode, body);
    }

    /// <summary>Runs an operation that must succeed without GraphQL errors, returning its data.</summary>
    public async Task<JsonNode> DataAsync(string query, object? variables = null, string? token = null)
    {
        var response = await PostAsync(query, variables, token);
        response.ShouldSucceed();
        return response.Data!;
    }
}

public sealed class GraphQLResponse
{
    public GraphQLResponse(HttpStatusCode status, string body)
    {
        Status = status;
        Body = body;
        try { Json = JsonNode.Parse(body); }
        catch (JsonException) { Json = null; }
    }

    public HttpStatusCode Status { get; }

    public string Body { get; }

    public JsonNode? Json { get; }

    public JsonNode? Data => Json?["data"];

    public JsonArray? Errors => Json?["errors"] as JsonArray;

    public IReadOnlyList<string> ErrorCodes =>
        Errors?.Select(e => e?["extensions"]?["code"]?.GetValue<string>() ?? "").ToList() ?? [];

    /// <summary>The value at a dotted path under data, e.g. "signIn.accessToken".</summary>
    public JsonNode? this[string path] => Navigate(Data, path);

    public void ShouldSucceed()
    {
        Status.ShouldBe(HttpStatusCode.OK, Body);
        Errors.ShouldBeNull(Body);
        Data.ShouldNotBeNull(Body);
    }

    /// <summary>The user errors of a mutation payload (the "errors" field under data.&lt;field&gt;).</summary>
    public IReadOnlyList<(string Code, string Message, string? Field)> UserErrors(string field)
    {
        ShouldSucceed();
        var errors = Data![field]!["errors"]!.AsArray();
        return errors.Select(e => (
            e!["code"]?.GetValue<string>() ?? "",
            e["message"]?.GetValue<string>() ?? "",
            e["field"] is JsonArray path ? string.Join('.', path.Select(p => p!.GetValue<string>())) : null)).ToList();
    }

    public static JsonNode? Navigate(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (node is null) return null;
            node = int.TryParse(part, out var index) && node is JsonArray array ? array[index] : node[part];
        }
        return node;
    }

    public override string ToString() => $"{(int)Status} {Body}";
}
