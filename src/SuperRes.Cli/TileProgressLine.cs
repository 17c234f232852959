using SuperRes.Inference;

namespace SuperRes.Cli;

/// <summary>Tile progress on stderr: one rewritten line on a terminal, otherwise a line at every tenth of the work.</summary>
public sealed class TileProgressLine(TextWriter error)
{
    private readonly bool _terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
    private int _width;
    private int _lastTenth = -1;

    public void Report(UpscaleProgress p)
    {
        var line = $"upscaling: tile {p.TilesDone}/{p.TilesTotal}, {p.Elapsed.TotalSeconds:F1} s, about {p.Remaining.TotalSeconds:F0} s left";
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

    public void Finish()
    {
        if (!_terminal || _width == 0) return;
        error.Write("\r" + new string(' ', _width) + "\r");
        _width = 0;
    }
}
