using System.Net;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>The limits that are on by default, and the locked-down production settings.</summary>
public sealed class LimitsTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task An_alias_bomb_is_refused_before_anything_runs()
    {
        var aliases = string.Join(' ', Enumerable.Range(0, 31).Select(i => $"a{i}: branches {{ name }}"));
        var response = await fixture.Client.PostAsync("{ " + aliases + " }");
        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.ErrorCodes.ShouldBe(["LIMIT_EXCEEDED"]);
    }

    [Fact]
    public async Task Too_many_root_fields_are_refused()
    {
        var roots = string.Join(' ', Enumerable.Range(0, 21).Select(_ => "branches { name }"));
        var response = await fixture.Client.PostAsync("{ " + roots + " }");
        response.ErrorCodes.ShouldBe(["LIMIT_EXCEEDED"]);
    }

    [Fact]
    public async Task Page_sizes_weigh_in_the_complexity()
    {
        // nested lists multiply: 100 campaigns x 100 actions x 100 participants is far beyond the limit
        var response = await fixture.Client.PostAsync("{ campaigns(first: 100) { nodes { actions(first: 100) { nodes { campaign { actions(first: 100) { nodes { title } } } } } } } }");
        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Data.ShouldBeNull();
        response.Errors!.Count.ShouldBeGreaterThan(0);
        var small = await fixture.Client.PostAsync("{ campaigns(first: 2) { nodes { actions(first: 2) { nodes { title } } } } }");
        small.ShouldSucceed();
    }

    [Fact]
    public async Task Every_document_the_web_client_sends_is_within_the_depth_and_complexity_limits()
    {
        // the documents persisted at build time (the web client's persisted.json among them): each is validated as the
        // server validates any request; a screen whose query is too complex would be refused for everyone who opens it
        var documents = GraphQL.Execution.PersistedDocuments.Load(Path.Combine(AppContext.BaseDirectory, GraphQL.Execution.PersistedDocuments.Folder)).ToList();
        documents.Count.ShouldBeGreaterThan(50);
        var refused = new List<string>();
        var checkedCount = 0;
        foreach (var document in documents)
        {
            // the weight is worked out once the variables are read: give each scalar variable a value of its type
            // (documents with input-object or list variables, mutations mostly, are left out)
            var variables = new Dictionary<string, object>();
            var fillable = true;
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(document, @"\$(\w+)\s*:\s*(\[?)(\w+)"))
            {
                object? value = m.Groups[2].Value == "[" ? null : m.Groups[3].Value switch
                {
                    "ID" or "String" => "x", "Int" => 1, "Float" => 1.0, "Boolean" => false, "Date" => "2026-01-01", "DateTime" => "2026-01-01T00:00:00Z", _ => null,
                };
                if (value is null) { fillable = false; break; }
                variables[m.Groups[1].Value] = value;
            }
            if (!fillable || document.TrimStart().StartsWith("subscription", StringComparison.Ordinal)) continue;
            checkedCount++;
            var response = await fixture.Client.PostAsync(document, variables);
            foreach (var error in response.Errors ?? [])
            {
                var message = error!["message"]?.GetValue<string>() ?? "";
                if (message.Contains("complex", StringComparison.OrdinalIgnoreCase) || message.Contains("depth", StringComparison.OrdinalIgnoreCase))
                    refused.Add($"{document.Split('\n')[0]}: {message}");
            }
        }
        checkedCount.ShouldBeGreaterThan(30);
        refused.ShouldBeEmpty();
    }

    /// <summary>An introspection-only document nested <paramref name="depth"/> levels deep (the operation is level 1).</summary>
    private static string IntrospectionOfDepth(int depth)
    {
        // { __type(name: "Query") { ofType { ofType { ... { name } } } } }: __type is level 2, each ofType one more
        var selection = "name";
        for (var level = depth; level > 2; level--) selection = $"ofType {{ {selection} }}";
        return $"{{ __type(name: \"Query\") {{ {selection} }} }}";
    }

    [Fact]
    public async Task An_introspection_only_document_deeper_than_its_allowance_is_refused_even_when_repeated()
    {
        (await fixture.Client.PostAsync(IntrospectionOfDepth(15))).ShouldSucceed();
        (await fixture.Client.PostAsync(IntrospectionOfDepth(15))).ShouldSucceed(); // from the validated documents
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var deep = await fixture.Client.PostAsync(IntrospectionOfDepth(16));
            deep.Status.ShouldBe(HttpStatusCode.BadRequest);
            deep.Data.ShouldBeNull();
            deep.ErrorCodes.ShouldBe(["COMPLEXITY"]);
            deep.Errors![0]!["message"]!.GetValue<string>().ShouldContain("maximum allowed for introspection on this endpoint is 15");
        }
    }

    [Fact]
    public async Task Introspection_skips_the_complexity_limit_only_when_nothing_else_is_selected()
    {
        // every type x every field x every argument: far beyond 5000 by list multiplication, but it reads the schema only
        const string schema = "__schema { types { name fields(includeDeprecated: true) { name args { name type { name ofType { name } } } } } }";
        (await fixture.Client.PostAsync("{ " + schema + " }")).ShouldSucceed();
        (await fixture.Client.PostAsync("query Schema { ...Root } fragment Root on Query { __typename " + schema + " }")).ShouldSucceed();
        foreach (var mixed in new[]
                 {
                     "{ branches { name } " + schema + " }",
                     "query Schema { ...Root } fragment Root on Query { branches { name } " + schema + " }",
                 })
        {
            var response = await fixture.Client.PostAsync(mixed);
            response.Status.ShouldBe(HttpStatusCode.BadRequest);
            response.Data.ShouldBeNull();
            response.ErrorCodes.ShouldBe(["COMPLEXITY"]);
            response.Errors![0]!["message"]!.GetValue<string>().ShouldContain("too complex");
        }
    }

    [Fact]
    public async Task A_repeated_document_is_still_authorized_for_each_caller()
    {
        // The second and third requests find the document already validated: only GraphQL's own schema
        // rules are skipped, never the caller's authorization.
        const string query = "{ personalDataReads(first: 1) { totalCount } }";
        var admin = await fixture.AdminTokenAsync();
        (await fixture.Client.PostAsync(query, token: admin)).ShouldSucceed();
        (await fixture.Client.PostAsync(query, token: admin)).ShouldSucceed();
        var anonymous = await fixture.Client.PostAsync(query);
        anonymous.Data?["personalDataReads"].ShouldBeNull();
        anonymous.ErrorCodes.ShouldContain("UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_repeated_document_is_still_weighed_with_its_variables()
    {
        const string query = "query($n: Int) { campaigns(first: $n) { nodes { actions(first: $n) { nodes { campaign { actions(first: $n) { nodes { title } } } } } } } }";
        (await fixture.Client.PostAsync(query, new { n = 2 })).ShouldSucceed();
        (await fixture.Client.PostAsync(query, new { n = 2 })).ShouldSucceed();
        var heavy = await fixture.Client.PostAsync(query, new { n = 100 });
        heavy.Data.ShouldBeNull();
        heavy.Errors!.Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Suggestions_are_given_by_default()
    {
        var response = await fixture.Client.PostAsync("{ branchez { name } }");
        response.Errors![0]!["message"]!.GetValue<string>().ShouldContain("Did you mean");
    }
}

public sealed class LockedDownFixture : PlatformFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["GraphQL:Introspection"] = "false";
        settings["GraphQL:FieldSuggestions"] = "false";
        return settings;
    }
}

public sealed class LockedDownTests(LockedDownFixture fixture) : IClassFixture<LockedDownFixture>
{
    [Fact]
    public async Task Introspection_and_suggestions_can_be_turned_off()
    {
        var introspection = await fixture.Client.PostAsync("{ __schema { types { name } } }");
        introspection.Data.ShouldBeNull();
        introspection.Errors!.Count.ShouldBeGreaterThan(0);
        var typo = await fixture.Client.PostAsync("{ branchez { name } }");
        typo.Errors![0]!["message"]!.GetValue<string>().ShouldNotContain("Did you mean");
        typo.Errors![0]!["message"]!.GetValue<string>().ShouldNotContain("branches");
        (await fixture.Client.PostAsync("{ branches { name } }")).ShouldSucceed();
    }
}
