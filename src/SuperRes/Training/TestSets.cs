namespace SuperRes.Training;

/// <summary>The benchmark test sets, which a model must never be trained on, recognised by folder name.</summary>
public static class TestSets
{
    public static IReadOnlyList<string> Names { get; } = ["Set5", "Set14", "BSD100", "B100", "Urban100", "Manga109", "General100", "DIV2K_valid_HR"];

    /// <summary>True when the folder's own name is a test set's (Set5, Set14, BSD100, Urban100, ...).</summary>
    public static bool IsTestSet(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        return Names.Contains(name, StringComparer.OrdinalIgnoreCase);
    }
}
