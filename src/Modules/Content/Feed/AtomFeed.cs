using System.Security.Cryptography;
using System.Text;
using System.Xml;
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
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true };
        await using var writer = XmlWriter.Create(http.Response.Body, settings);
        const string Atom = "http://www.w3.org/2005/Atom";
        await writer.WriteStartDocumentAsync();
        writer.WriteStartElement("feed", Atom);
        writer.WriteElementString("title", Atom, "Workers Power");
        writer.WriteElementString("id", Atom, baseUrl.Length > 0 ? baseUrl + "/feed.xml" : FeedUrn);
        writer.WriteElementString("updated", Atom, updated.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        writer.WriteStartElement("link", Atom);
        writer.WriteAttributeString("rel", "self");
        writer.WriteAttributeString("href", baseUrl + "/feed.xml");
        writer.WriteEndElement();
        foreach (var article in articles)
        {
            writer.WriteStartElement("entry", Atom);
            writer.WriteElementString("title", Atom, article.Title);
            writer.WriteElementString("id", Atom, $"urn:uuid:{article.Id}");
            writer.WriteStartElement("link", Atom);
            writer.WriteAttributeString("href", $"{baseUrl}/articles/{article.Slug}");
            writer.WriteEndElement();
            writer.WriteElementString("published", Atom, (article.PublishedAt ?? article.CreatedAt).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            writer.WriteElementString("updated", Atom, article.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            writer.WriteStartElement("author", Atom);
            writer.WriteElementString("name", Atom, article.AuthorMemberId is { } id && authors.TryGetValue(id, out var a) && !a.Erased ? a.DisplayName : "Workers Power");
            writer.WriteEndElement();
            foreach (var tag in article.Tags)
            {
                writer.WriteStartElement("category", Atom);
                writer.WriteAttributeString("term", tag);
                writer.WriteEndElement();
            }
            if (article.Summary is { } summary) writer.WriteElementString("summary", Atom, summary);
            writer.WriteStartElement("content", Atom);
            writer.WriteAttributeString("type", "text");
            writer.WriteString(article.Body);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        await writer.WriteEndDocumentAsync();
        await writer.FlushAsync();
    }
}
