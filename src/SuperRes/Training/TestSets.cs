using System.Security.Cryptography;
using SuperRes.Evaluation;

namespace SuperRes.Training;

/// <summary>
/// The benchmark test sets, which a model must never be trained on, recognised by folder name
/// (<see cref="IsTestSet"/>) or by content (<see cref="SameContent"/>: a training image byte-identical to a test image).
/// </summary>
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

    /// <summary>
    /// Training images whose bytes equal an image of a test set: of <paramref name="validationFolder"/>
    /// and of every test-set folder (<see cref="Names"/>) beside a training folder (as
    /// ../shared/datasets/Set5 beside ../shared/datasets/T91). Compared by SHA-256, and only for files
    /// whose length equals a test image's, so a large training set costs a directory listing. Each
    /// result is (training file, test file). Folders named as test sets are left to <see cref="IsTestSet"/>.
    /// </summary>
    public static IReadOnlyList<(string TrainingFile, string TestFile)> SameContent(IEnumerable<string> trainFolders, string? validationFolder)
    {
        ArgumentNullException.ThrowIfNull(trainFolders);
        var folders = trainFolders.Where(Directory.Exists).ToList();
        var references = new List<string>();
        if (!string.IsNullOrEmpty(validationFolder) && Directory.Exists(validationFolder)) references.Add(validationFolder);
        foreach (var folder in folders)
        {
            var parent = Path.GetDirectoryName(Path.GetFullPath(Path.TrimEndingDirectorySeparator(folder)));
            if (parent is null) continue;
            foreach (var name in Names)
                if (Directory.Exists(Path.Combine(parent, name))) references.Add(Path.Combine(parent, name));
        }
        var byLength = new Dictionary<long, List<string>>();
        foreach (var file in references.Select(Path.GetFullPath).Distinct().SelectMany(Evaluator.ImageFiles))
        {
            long length = new FileInfo(file).Length;
            if (!byLength.TryGetValue(length, out var list)) byLength[length] = list = [];
            list.Add(file);
        }
        var matches = new List<(string, string)>();
        var hashes = new Dictionary<string, string>();
        string HashOf(string file) => hashes.TryGetValue(file, out var h) ? h : hashes[file] = Hash(file);
        foreach (var folder in folders.Where(f => !IsTestSet(f)))
            foreach (var file in Evaluator.ImageFiles(folder))
            {
                if (!byLength.TryGetValue(new FileInfo(file).Length, out var candidates)) continue;
                var hash = HashOf(file);
                if (candidates.FirstOrDefault(c => Path.GetFullPath(c) != Path.GetFullPath(file) && HashOf(c) == hash) is { } same)
                    matches.Add((file, same));
            }
        return matches;
    }

    private static string Hash(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
