namespace SuperRes.Tests;

/// <summary>Locates the repository and ../shared (datasets, pretrained weights) from the test binaries.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The shared folder beside the repository (datasets, papers, pretrained weights).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static string Datasets => Path.Combine(Shared, "datasets");
    public static string Pretrained => Path.Combine(Shared, "pretrained");

    /// <summary>
    /// True under CI (CI is "true" or "1"): the tests that need ../shared then run, and fail when it
    /// is missing, instead of being skipped.
    /// </summary>
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SuperRes.sln"))) return dir.FullName;
        throw new InvalidOperationException("SuperRes.sln not found above " + AppContext.BaseDirectory);
    }
}
