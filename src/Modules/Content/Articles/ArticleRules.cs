namespace WorkersPower.Content.Articles;

/// <summary>
/// The rules every version of an article or page meets (drafting, revising and saving a page share them), and
/// the refusals the article use cases have in common. Pure: no I/O.
/// </summary>
public static class ArticleRules
{
    public const int MaxTitle = 300;
    public const int MaxSummary = 1000;
    public const int MaxBody = 200_000;
    public const int MaxTags = 20;
    public const int MaxTag = 50;

    public static readonly UserError NoSuchArticle = UserError.NotFound("There is no such article.", "input", "articleId");

    /// <summary>The title (one line, required), summary, body (required) and tags, each error naming its field.</summary>
    public static List<UserError> Validate(ArticleContent c)
    {
        var errors = new List<UserError>();
        if (string.IsNullOrWhiteSpace(c.Title) || c.Title.Trim().Length > MaxTitle) errors.Add(UserError.Validation("input.title", $"The title is required, up to {MaxTitle} characters."));
        else if (!TextInput.IsText(c.Title)) errors.Add(UserError.Validation("input.title", TextInput.NotText("The title")));
        if (c.Summary is { Length: > MaxSummary }) errors.Add(UserError.Validation("input.summary", $"The summary is at most {MaxSummary} characters."));
        else if (c.Summary is { } summary && !TextInput.IsText(summary, multiline: true)) errors.Add(UserError.Validation("input.summary", TextInput.NotText("The summary", multiline: true)));
        if (string.IsNullOrWhiteSpace(c.Body)) errors.Add(UserError.Validation("input.body", "The body is required."));
        else if (c.Body.Length > MaxBody) errors.Add(UserError.Validation("input.body", $"The body is at most {MaxBody} characters."));
        else if (!TextInput.IsText(c.Body, multiline: true)) errors.Add(UserError.Validation("input.body", TextInput.NotText("The body", multiline: true)));
        if (c.Tags.Count > MaxTags) errors.Add(UserError.Validation("input.tags", $"At most {MaxTags} tags."));
        for (var i = 0; i < Math.Min(MaxTags, c.Tags.Count); i++)
            if (string.IsNullOrWhiteSpace(c.Tags[i]) || c.Tags[i].Trim().Length > MaxTag || !TextInput.IsText(c.Tags[i]))
                errors.Add(UserError.Validation($"input.tags.{i}", $"A tag is 1 to {MaxTag} characters."));
        return errors;
    }

    /// <summary>The content as it is recorded: title trimmed, a blank summary dropped, tags trimmed, lower case and distinct.</summary>
    public static ArticleContent Clean(ArticleContent c) => c with
    {
        Title = c.Title.Trim(),
        Summary = string.IsNullOrWhiteSpace(c.Summary) ? null : c.Summary.Trim(),
        Tags = c.Tags.Select(t => t.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(),
    };

    /// <summary>A slug as an editor typed it, as it is compared and stored.</summary>
    public static string NormalizeSlug(string slug) => slug.Trim().ToLowerInvariant();

    /// <summary>Why an editor's <paramref name="slug"/> cannot be used (malformed, or among <paramref name="taken"/>), or null.</summary>
    public static UserError? SlugError(string slug, IReadOnlyCollection<string> taken) =>
        !Slugs.IsValid(slug) ? UserError.Validation("input.slug", "A slug is 1 to 100 lower-case letters, digits and single hyphens.")
        : taken.Contains(slug) ? UserError.AlreadyExists($"The slug '{slug}' is taken.", "input", "slug")
        : null;
}
