namespace WorkersPower.Membership.Members;

/// <summary>A small RFC 4180 reader: commas, double-quoted fields with "" escapes, CRLF or LF line ends.</summary>
internal static class CsvReader
{
    public static bool TryParse(string text, out List<List<string>> rows, out string problem)
    {
        rows = [];
        problem = "";
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var atFieldStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    if (row.Count > 1 || row[0].Length > 0) rows.Add(row);
                    row = [];
                    atFieldStart = true;
                    break;
                default:
                    field.Append(c);
                    atFieldStart = false;
                    break;
            }
        }
        if (quoted)
        {
            problem = "A quoted field is not closed.";
            return false;
        }
        row.Add(field.ToString());
        if (row.Count > 1 || row[0].Length > 0) rows.Add(row);
        return true;
    }
}
