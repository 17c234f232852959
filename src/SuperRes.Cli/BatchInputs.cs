using SuperRes.Imaging;

namespace SuperRes.Cli;

/// <summary>
/// Expands the inputs of <c>superres upscale IN... -o OUTDIR</c>: a file stands for itself (its
/// name), a folder for every image file below it (recursively, hidden files and folders left out,
/// paths relative to the folder so the output mirrors the tree), <c>@list.txt</c> for the paths
/// listed in it (one a line, blank lines and <c>#</c> comments skipped; relative paths are relative
/// to the list's folder and keep their folders in the output). The result is sorted by relative
/// path (ordinal), so every machine sees the same order and <see cref="ShardSpec"/> splits it alike.
/// </summary>
public static class BatchInputs
{
    public static IReadOnlyList<BatchItem> Expand(IReadOnlyList<string> inputs, string outputFolder, string extension)
    {
        var outputFull = Path.GetFullPath(outputFolder);
        var items = new List<(string Input, string Relative)>();
        foreach (var input in inputs)
        {
            if (input.StartsWith('@')) items.AddRange(ReadList(input[1..]));
            else if (Directory.Exists(input)) items.AddRange(ScanFolder(input, outputFull));
            else if (File.Exists(input)) items.Add((input, Path.GetFileName(input)));
            else throw new CliException(ExitCodes.BadInput, $"{input}: no such file or folder");
        }
        var result = items
            .Select(i => new BatchItem(i.Input, i.Relative, Path.Combine(outputFull, Path.ChangeExtension(i.Relative, extension))))
            .OrderBy(i => i.RelativePath.Replace('\\', '/'), StringComparer.Ordinal)
            .ToList();
        var clash = result.GroupBy(i => i.OutputPath, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new CliException(ExitCodes.Usage,
                $"{string.Join(" and ", clash.Select(i => i.InputPath))} would both be written to {clash.Key}; upscale them into different folders");
        return result;
    }

    /// <summary>True for the extensions the readers know (.png, .jpg, .jpeg, .bmp, .ppm, .pgm ...).</summary>
    public static bool IsImageName(string path) => ImageCodecs.FormatFromExtension(path) != ImageFileFormat.Unknown;

    private static IEnumerable<(string, string)> ScanFolder(string folder, string outputFull)
    {
        var root = Path.GetFullPath(folder);
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            // An output folder inside the input folder is not input (a rerun would upscale its own results).
            if (PathsEqual(current, outputFull) && !PathsEqual(current, root)) continue;
            foreach (var sub in Directory.EnumerateDirectories(current))
                if (!Path.GetFileName(sub).StartsWith('.')) pending.Push(sub);
            foreach (var file in Directory.EnumerateFiles(current))
            {
                var name = Path.GetFileName(file);
                if (name.StartsWith('.') || !IsImageName(name)) continue;
                yield return (file, Path.GetRelativePath(root, file));
            }
        }
    }

    private static IEnumerable<(string, string)> ReadList(string listPath)
    {
        if (!File.Exists(listPath)) throw new CliException(ExitCodes.BadInput, $"@{listPath}: no such list file");
        var baseFolder = Path.GetDirectoryName(Path.GetFullPath(listPath))!;
        foreach (var raw in File.ReadLines(listPath))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var full = Path.IsPathRooted(line) ? line : Path.Combine(baseFolder, line);
            var relative = Path.IsPathRooted(line) || line.Split('/', '\\').Contains("..") ? Path.GetFileName(line) : line;
            yield return (full, relative);
        }
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);
}
