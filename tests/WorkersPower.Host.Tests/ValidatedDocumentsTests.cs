using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Host.GraphQL.Execution;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>What the validated-document cache keeps in memory: never the values a mutation carries in its text.</summary>
public sealed class ValidatedDocumentsTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task A_mutation_with_literals_is_not_kept_while_one_with_variables_and_a_query_with_literals_are()
    {
        var cache = fixture.Services.GetRequiredService<ValidatedDocuments>();
        var password = $"inline-password-{Guid.NewGuid():N}";
        var email = MembershipApi.UniqueEmail("nobody");

        var inline = $$"""mutation { signIn(input: { email: "{{email}}", password: "{{password}}" }) { accessToken errors { code } } }""";
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var response = await fixture.Client.PostAsync(inline);
            response.UserErrors("signIn").Select(e => e.Code).ShouldBe(["INVALID_CREDENTIALS"]); // it ran
            cache.Texts.ShouldNotContain(t => t.Contains(password, StringComparison.Ordinal));
        }

        var withVariables = $"mutation SignIn{Guid.NewGuid():N}($input: SignInInput!) {{ signIn(input: $input) {{ accessToken errors {{ code }} }} }}";
        (await fixture.Client.PostAsync(withVariables, new { input = new { email, password } })).UserErrors("signIn").Count.ShouldBe(1);
        cache.Texts.ShouldContain(withVariables);
        cache.Texts.ShouldNotContain(t => t.Contains(password, StringComparison.Ordinal));

        var queryWithLiterals = $"query Campaigns{Guid.NewGuid():N} {{ campaigns(first: 3, status: ACTIVE) {{ totalCount }} }}";
        (await fixture.Client.PostAsync(queryWithLiterals)).ShouldSucceed();
        cache.Texts.ShouldContain(queryWithLiterals);
    }

    [Theory]
    [InlineData("mutation { signIn(input: { email: \"a@b.org\", password: \"x\" }) { accessToken } }", true)]
    [InlineData("mutation($p: String! = \"secret\") { signIn(input: { email: \"a@b.org\", password: $p }) { accessToken } }", true)]
    [InlineData("mutation($i: SignInInput!) { signIn(input: $i) { accessToken @include(if: true) } }", true)]
    [InlineData("mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }", false)]
    [InlineData("query { campaigns(first: 3) { totalCount } } mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }", true)]
    [InlineData("query { campaigns(first: 3, status: ACTIVE) { totalCount } }", false)]
    public void Literals_are_found_anywhere_in_a_document_with_a_mutation(string text, bool holds) =>
        ValidatedDocuments.HoldsMutationLiterals(GraphQLRequestReader.ParseDocument(text)).ShouldBe(holds);
}
