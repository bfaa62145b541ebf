namespace WorkersPower.Platform;

/// <summary>Slugs: lower-case ASCII letters, digits and single hyphens, made from a title when none is given.</summary>
public static class Slugs
{
    public const int MaxLength = 100;

    public static string FromTitle(string title, string fallback)
    {
        var normalized = title.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var ch in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            var c = char.ToLowerInvariant(ch);
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            if (sb.Length >= MaxLength) break;
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? fallback : slug;
    }

    /// <summary>The slug, or the first of slug-2, slug-3, … not among <paramref name="taken"/> (the slugs equal to it or starting with it and a hyphen).</summary>
    public static string FirstFree(string slug, IReadOnlyCollection<string> taken)
    {
        if (!taken.Contains(slug)) return slug;
        var n = 2;
        while (taken.Contains($"{slug}-{n}")) n++;
        return $"{slug}-{n}";
    }

    public static bool IsValid(string slug) =>
        slug.Length is > 0 and <= MaxLength && slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);
}

/// <summary>Numbers that order by time and are unique within a process: milliseconds × 1000 + a counter (for stable cursors).</summary>
public static class Sequences
{
    private static int counter;

    public static long Next(DateTimeOffset at) => at.ToUnixTimeMilliseconds() * 1000 + (Interlocked.Increment(ref counter) & 0x3FF) % 1000;
}
