using System.Security.Cryptography;

namespace WorkersPower.Decisions.Ballots;

/// <summary>
/// A secret ballot's receipt: 12 characters from a cryptographic random generator over an alphabet without look-alikes
/// (no 0/O, 1/I/L, U/V), shown as three groups of four ("K7QM-4TXR-9BHD"): 58 random bits, so receipts cannot be guessed
/// or ordered by when they were made; the box is kept sorted by receipt, which is therefore a random order.
/// </summary>
public static class Receipts
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";
    public const int Length = 12;

    public static string New()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        var s = new string(chars);
        return $"{s[..4]}-{s[4..8]}-{s[8..]}";
    }

    /// <summary>The receipt as typed (case, spaces and hyphens aside) in its canonical form; null when it cannot be one.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null) return null;
        var s = new string([.. typed.ToUpperInvariant().Where(c => c is not (' ' or '-'))]);
        if (s.Length != Length || s.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal))) return null;
        return $"{s[..4]}-{s[4..8]}-{s[8..]}";
    }
}
