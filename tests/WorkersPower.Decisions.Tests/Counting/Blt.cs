using System.Runtime.CompilerServices;

namespace WorkersPower.Decisions.Tests.Counting;

/// <summary>
/// Reads a ballot file in the BLT format (the format of ERS, OpenSTV and the Scottish councils' published preference
/// profiles): a line "candidates seats", then one line a distinct ranking ("count p1 p2 ... 0", preferences as
/// 1-based candidate numbers), a line "0", the candidates' names in quotes, and the election's title in quotes.
/// </summary>
internal sealed record Blt(int Seats, IReadOnlyList<string> Candidates, IReadOnlyList<IReadOnlyList<string>> Rankings, string Title)
{
    public static Blt Load(string file)
    {
        // Read beside this source file, so the test project's file needs no copy rule for the data.
        var lines = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(SourceFile())!, "Data", file))
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var head = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var (standing, seats) = (head[0], head[1]);
        var end = lines.IndexOf("0");
        var names = lines.Skip(end + 1).Take(standing).Select(l => l.Trim('"')).ToList();
        var title = lines[end + 1 + standing].Trim('"');
        var rankings = new List<IReadOnlyList<string>>();
        foreach (var line in lines.Skip(1).Take(end - 1))
        {
            var numbers = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            var ranking = numbers.Skip(1).TakeWhile(n => n != 0).Select(n => names[n - 1]).ToList();
            for (var i = 0; i < numbers[0]; i++) rankings.Add(ranking);
        }
        return new Blt(seats, names, rankings, title);
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
