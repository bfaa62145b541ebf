using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Net.Http.Headers;

namespace WorkersPower.Content.Feed;

/// <summary>GET /feed.xml: an Atom feed of the 20 latest public articles, with ETag and Last-Modified for caches; links from <see cref="SiteUrl"/>.</summary>
internal static class AtomFeed
{
    public const int Entries = 20;

    /// <summary>The feed's id when no public address is known: fixed, so it never depends on the request.</summary>
    public const string FeedUrn = "urn:workers-power:feed";

    public static async Task HandleAsync(HttpContext http, IContentStore store, SiteUrl site)
    {
        await using var session = store.QuerySession();
        var articles = await session.Query<Article>()
            .Where(a => a.Kind == ArticleKind.Article && a.Status == ArticleStatus.Published && a.Visibility == Visibility.Public)
            .OrderByDescending(a => a.Sequence).Take(Entries).ToListAsync(http.RequestAborted);
        var authorIds = articles.Select(a => a.AuthorMemberId).OfType<Guid>().Distinct().ToArray();
        var authors = authorIds.Length == 0 ? [] : (await session.LoadManyAsync<AuthorCopy>(http.RequestAborted, authorIds)).ToDictionary(a => a.Id);

        var updated = articles.Count == 0 ? DateTimeOffset.UnixEpoch : articles.Max(a => a.UpdatedAt);
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(';', articles.Select(a => $"{a.Id:N}:{a.Version}"))))).ToLowerInvariant()[..32] + "\"";
        var lastModified = new DateTimeOffset(updated.UtcDateTime.Ticks - updated.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

        var headers = http.Response.GetTypedHeaders();
        headers.ETag = EntityTagHeaderValue.Parse(etag);
        headers.LastModified = lastModified;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromMinutes(1) };

        var request = http.Request.GetTypedHeaders();
        var notModified = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(t => t.Tag == etag || t.Equals(EntityTagHeaderValue.Any))
            : request.IfModifiedSince is { } since && lastModified <= since;
        if (notModified)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.ContentType = "application/atom+xml; charset=utf-8";
        var baseUrl = site.BaseUrl ?? (site.FromRequest ? $"{http.Request.Scheme}://{http.Request.Host}" : "");
        XNamespace atom = "http://www.w3.org/2005/Atom";
        static string Stamp(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var feed = new XElement(atom + "feed",
            new XElement(atom + "title", "Workers Power"),
            new XElement(atom + "id", baseUrl.Length > 0 ? baseUrl + "/feed.xml" : FeedUrn),
            new XElement(atom + "updated", Stamp(updated)),
            new XElement(atom + "link", new XAttribute("rel", "self"), new XAttribute("href", baseUrl + "/feed.xml")),
            articles.Select(article => new XElement(atom + "entry",
                new XElement(atom + "title", article.Title),
                new XElement(atom + "id", $"urn:uuid:{article.Id}"),
                new XElement(atom + "link", new XAttribute("href", $"{baseUrl}/articles/{article.Slug}")),
                new XElement(atom + "published", Stamp(article.PublishedAt ?? article.CreatedAt)),
                new XElement(atom + "updated", Stamp(article.UpdatedAt)),
                new XElement(atom + "author", new XElement(atom + "name",
                    article.AuthorMemberId is { } id && authors.TryGetValue(id, out var a) && !a.Erased ? a.DisplayName : "Workers Power")),
                article.Tags.Select(tag => new XElement(atom + "category", new XAttribute("term", tag))),
                article.Summary is { } summary ? new XElement(atom + "summary", summary) : null,
                new XElement(atom + "content", new XAttribute("type", "text"), article.Body))));
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true };
        await using var writer = XmlWriter.Create(http.Response.Body, settings);
        await new XDocument(feed).SaveAsync(writer, http.RequestAborted);
        await writer.FlushAsync();
    }
}
