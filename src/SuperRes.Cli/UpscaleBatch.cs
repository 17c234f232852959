using System.Diagnostics;
using System.Globalization;
using SuperRes.Imaging;

namespace SuperRes.Cli;

/// <summary>
/// Runs <c>upscale</c> over one file or a batch: checks every output place before computing,
/// refuses to write over an input (unless <c>--overwrite</c>), skips existing outputs with
/// <c>--skip-existing</c>, reports a failing file and goes on, prints one line per file written and
/// a total, writes <c>--summary</c>. Exit codes: 0 all written or skipped, 3 some failed (batch), or
/// the file's own code for a single file.
/// </summary>
public sealed class UpscaleBatch(UpscaleSettings settings, TextWriter output, TextWriter error)
{
    private readonly TileProgressLine _progress = new(error);

    public int RunFile(string input, string outPath, ImageFileFormat format)
    {
        if (Directory.Exists(input))
            throw new CliException(ExitCodes.Usage, $"{input}: is a folder; give an output folder (-o DIR) to upscale every image in it");
        if (!File.Exists(input)) throw new CliException(ExitCodes.BadInput, $"{input}: no such file");
        CheckNotInput(input, outPath);
        var outFolder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        OutputFile.CheckFolderWritable(outFolder, create: false);
        if (settings.SkipExisting && File.Exists(outPath))
        {
            output.WriteLine($"{outPath}: exists, skipped");
            return ExitCodes.Success;
        }
        PrepareRun();
        var clock = Stopwatch.StartNew();
        var (w, h) = new ImageUpscaleJob(settings, _progress).Run(input, outPath, format);
        _progress.Finish();
        output.WriteLine(Line(outPath, w, h, clock.Elapsed.TotalSeconds));
        return ExitCodes.Success;
    }

    public int RunFolder(IReadOnlyList<string> inputs, string outFolder, string extension, ShardSpec shard, string? summaryPath)
    {
        OutputFile.CheckFolderWritable(outFolder, create: true);
        if (summaryPath is not null) OutputFile.CheckFolderWritable(Path.GetDirectoryName(Path.GetFullPath(summaryPath))!, create: false);
        var all = BatchInputs.Expand(inputs, outFolder, extension);
        var items = shard.Select(all);
        foreach (var item in items) CheckNotInput(item.InputPath, item.OutputPath);
        PrepareRun();
        var job = new ImageUpscaleJob(settings, _progress);
        var results = new List<BatchFileResult>();
        var total = Stopwatch.StartNew();
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (settings.SkipExisting && File.Exists(item.OutputPath))
            {
                results.Add(new BatchFileResult(item.InputPath, item.OutputPath, BatchFileResult.Skipped, 0, 0, new FileInfo(item.OutputPath).Length, 0, null));
                continue;
            }
            _progress.StartFile(i + 1, items.Count, item.RelativePath);
            var clock = Stopwatch.StartNew();
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(item.OutputPath)!);
                var (w, h) = job.Run(item.InputPath, item.OutputPath, settings.Format);
                _progress.Finish();
                double seconds = clock.Elapsed.TotalSeconds;
                results.Add(new BatchFileResult(item.InputPath, item.OutputPath, BatchFileResult.Ok, w, h, new FileInfo(item.OutputPath).Length, seconds, null));
                output.WriteLine(Line(item.OutputPath, w, h, seconds));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _progress.Finish();
                var message = CommandRunner.Describe(e).Message.ReplaceLineEndings(" ");
                if (!message.Contains(Path.GetFileName(item.InputPath), StringComparison.Ordinal)) message = $"{item.InputPath}: {message}";
                error.WriteLine($"superres: error: {message}");
                results.Add(new BatchFileResult(item.InputPath, item.OutputPath, BatchFileResult.Failed, 0, 0, 0, clock.Elapsed.TotalSeconds, message));
            }
        }
        double elapsed = total.Elapsed.TotalSeconds;
        int ok = results.Count(r => r.Status == BatchFileResult.Ok), failed = results.Count(r => r.Status == BatchFileResult.Failed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{items.Count} of {all.Count} files (shard {shard.Index}/{shard.Count}): {ok} written, {results.Count - ok - failed} skipped, {failed} failed; {elapsed:F1} s, {(ok > 0 ? ok / elapsed : 0):F2} files/s"));
        if (summaryPath is not null) OutputFile.WriteAllText(summaryPath, BatchSummary.ToJson(results, elapsed, shard));
        return failed > 0 ? ExitCodes.SomeImagesFailed : ExitCodes.Success;
    }

    private void PrepareRun()
    {
        NativeHeap.MapLargeBlocks(); // tile buffers come and go: keep freed ones from staying resident
        settings.Choice.WriteNote(error);
    }

    private void CheckNotInput(string input, string outPath)
    {
        if (settings.Overwrite) return;
        if (string.Equals(Path.GetFullPath(input), Path.GetFullPath(outPath), StringComparison.Ordinal))
            throw new CliException(ExitCodes.Usage, $"{outPath}: is the input itself; choose another output or pass --overwrite to replace it");
    }

    private static string Line(string path, int width, int height, double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}: {width}x{height}, {seconds:F2} s");
}
