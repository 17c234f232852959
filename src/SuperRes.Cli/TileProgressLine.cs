using SuperRes.Inference;
using SuperRes.Reporting;

namespace SuperRes.Cli;

/// <summary>
/// <c>upscale</c>'s progress for files and tiles, shown by the one <see cref="ProgressLine"/>: on a
/// terminal one rewritten line (<c>[3/120] a/b.png: tile 4/16, 2.1 s, about 5 s left</c>), otherwise
/// a line at every tenth of a file's tiles. The time left is measured from the tiles after the first
/// (the first carries the model probe and warm-up), so until two tiles are done it says "estimating".
/// </summary>
public sealed class TileProgressLine(TextWriter error)
{
    private readonly ProgressLine _line = new(error, ProgressLine.ModeFor(error, ProgressMode.Tenths));
    private string _prefix = "upscaling";

    /// <summary>Starts the next file: <paramref name="index"/> of <paramref name="count"/> (1-based); a single file shows no counter.</summary>
    public void StartFile(int index, int count, string name)
    {
        _prefix = count > 1 ? $"[{index}/{count}] {name}" : "upscaling";
        _line.Restart();
    }

    public void Report(UpscaleProgress p) => _line.Report(_prefix, "tile", p.TilesDone, p.TilesTotal, p.Elapsed);

    /// <summary>The estimate from tiles measured after the first, or "estimating".</summary>
    public string Remaining(UpscaleProgress p) => _line.Remaining(p.TilesDone, p.TilesTotal, p.Elapsed);

    public void Finish() => _line.Finish();
}
