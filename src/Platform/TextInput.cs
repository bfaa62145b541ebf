namespace WorkersPower.Platform;

/// <summary>
/// The one rule every text input meets, whatever its length or field: it is text. Refused are control
/// characters (C0 and C1, DEL; a multi-line text may hold tab, line feed and carriage return), lone surrogates,
/// and the Unicode non-characters (U+FDD0 to U+FDEF, and the last two code points of every plane: U+FFFE,
/// U+FFFF, U+1FFFE, …). None of them is text, and XML 1.0 cannot hold most of them: a feed, an export or a
/// mail carrying one would break. Validators answer with a VALIDATION user error naming the field.
/// </summary>
public static class TextInput
{
    /// <summary>Whether the value is text by the rule above (single-line unless <paramref name="multiline"/>).</summary>
    public static bool IsText(string value, bool multiline = false)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            int codePoint;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                codePoint = char.ConvertToUtf32(c, value[++i]);
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
            else
            {
                codePoint = c;
            }
            if (codePoint < 0x20 ? !(multiline && codePoint is '\t' or '\n' or '\r') : codePoint is >= 0x7F and <= 0x9F) return false;
            if (codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE) return false;
        }
        return true;
    }

    /// <summary>The message for a value that is not text, naming the field by its label.</summary>
    public static string NotText(string label, bool multiline = false) => multiline
        ? $"{label} may hold only text: no control characters (other than tabs and line breaks) or non-characters such as U+FFFF."
        : $"{label} must be a single line of text: no control characters or non-characters such as U+FFFF.";
}
