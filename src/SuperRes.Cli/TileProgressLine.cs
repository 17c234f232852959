using System.Globalization;
using SuperRes.Inference;

namespace SuperRes.Cli;

/// <summary>
/// The one progress display of <c>upscale</c>, for files and tiles: on a terminal one rewritten line
/// (<c>[3/120] a/b.png: tile 4/16, 2.1 s, about 5 s left</c>), otherwise a line at every tenth of a
/// file's tiles. The time left is measured from the tiles after the first (the first carries the
/// model probe and warm-up), so until two tiles are done it says "estimating".
/// </summary>
public sealed class TileProgressLine(TextWriter error)
{
    private readonly bool _terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
    private int _width;
    private int _lastTenth = -1;
    private string _prefix = "upscaling";
    private TimeSpan _firstElapsed;
    private int _firstDone;

    /// <summary>Starts the next file: <paramref name="index"/> of <paramref name="count"/> (1-based); a single file shows no counter.</summary>
    public void StartFile(int index, int count, string name)
    {
        _prefix = count > 1 ? $"[{index}/{count}] {name}" : "upscaling";
        _lastTenth = -1;
        _firstDone = 0;
    }

    public void Report(UpscaleProgress p)
    {
        if (_firstDone == 0 || p.TilesDone <= _firstDone)
        {
            // A new run of tiles (the next file, or the alpha plane after the colour).
            _firstDone = p.TilesDone;
            _firstElapsed = p.Elapsed;
        }
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{_prefix}: tile {p.TilesDone}/{p.TilesTotal}, {p.Elapsed.TotalSeconds:F1} s, {Remaining(p)}");
        if (_terminal)
        {
            error.Write("\r" + line.PadRight(_width));
            _width = line.Length;
            return;
        }
        int tenth = (int)(p.Fraction * 10);
        if (tenth == _lastTenth) return;
        _lastTenth = tenth;
        error.WriteLine(line);
    }

    /// <summary>The estimate from tiles measured after the first, or "estimating".</summary>
    public string Remaining(UpscaleProgress p)
    {
        if (p.TilesDone >= p.TilesTotal) return "done";
        int measured = p.TilesDone - _firstDone;
        if (measured <= 0) return "estimating";
        double perTile = (p.Elapsed - _firstElapsed).TotalSeconds / measured;
        return string.Create(CultureInfo.InvariantCulture, $"about {perTile * (p.TilesTotal - p.TilesDone):F0} s left");
    }

    public void Finish()
    {
        if (!_terminal || _width == 0) return;
        error.Write("\r" + new string(' ', _width) + "\r");
        _width = 0;
    }
}
