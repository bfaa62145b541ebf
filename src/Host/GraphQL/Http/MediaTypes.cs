using Microsoft.Net.Http.Headers;

namespace WorkersPower.Host.GraphQL.Http;

/// <summary>Content negotiation for the GraphQL endpoint.</summary>
internal static class MediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The response media type for an Accept header: the supported type with the highest quality;
    /// application/json when the header is absent or only wildcards match; null when nothing supported is acceptable.
    /// </summary>
    public static string? Negotiate(IList<string>? acceptHeaders)
    {
        if (acceptHeaders is null || acceptHeaders.Count == 0 || acceptHeaders.All(string.IsNullOrWhiteSpace)) return Json;
        if (!MediaTypeHeaderValue.TryParseList(acceptHeaders, out var accepted) || accepted.Count == 0) return Json;
        string? best = null;
        double bestQuality = 0;
        var bestSpecific = false;
        foreach (var range in accepted)
        {
            var quality = range.Quality ?? 1.0;
            if (quality <= 0) continue;
            var type = range.MediaType.Value?.ToLowerInvariant();
            var (candidate, specific) = type switch
            {
                GraphQLResponse => (GraphQLResponse, true),
                Json => (Json, true),
                "application/*" or "*/*" => (Json, false),
                _ => ((string?)null, false),
            };
            if (candidate is null) continue;
            if (quality > bestQuality || (quality == bestQuality && specific && !bestSpecific))
            {
                best = candidate;
                bestQuality = quality;
                bestSpecific = specific;
            }
        }
        return best;
    }

    /// <summary>True for "application/json" with no charset or a UTF-8 charset.</summary>
    public static bool IsJsonRequest(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed)) return false;
        if (!string.Equals(parsed.MediaType.Value, Json, StringComparison.OrdinalIgnoreCase)) return false;
        var charset = parsed.Charset.Value;
        return charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
