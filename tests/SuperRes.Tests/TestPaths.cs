namespace SuperRes.Tests;

/// <summary>Locates the repository and ../shared (datasets, pretrained weights) from the test binaries.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The shared folder beside the repository (datasets, papers, pretrained weights).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static string Datasets => Path.Combine(Shared, "datasets");
    public static string Pretrained => Path.Combine(Shared, "pretrained");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SuperRes.sln"))) return dir.FullName;
        throw new InvalidOperationException("SuperRes.sln not found above " + AppContext.BaseDirectory);
    }
}
