namespace WorkersPower.Testing;

/// <summary>Finds files of the repository the tests were built from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkersPower.sln"))) return dir.FullName;
        throw new InvalidOperationException("Could not find the repository root (WorkersPower.sln) above " + AppContext.BaseDirectory);
    }
}
