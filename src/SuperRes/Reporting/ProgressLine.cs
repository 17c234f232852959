using System.Globalization;

namespace SuperRes.Reporting;

/// <summary>
/// The one progress display of the tools (upscale's files and tiles, evaluate's images, train's
/// steps, bench's stages), in one format: <c>what: unit done/total, elapsed, time left[, details]</c>,
/// e.g. <c>[3/120] a/b.png: tile 4/16, 2.1 s, about 5 s left</c> or <c>train: step 200/1000,
/// 1 min 04 s, about 4 min 16 s left, loss 0.012345</c>. The time left is estimated from the work
/// done after the first report of a run (the first carries warm-up: model probes, JIT, caches), so
/// until the second report it says "estimating", and at the end "done". A report whose count does
/// not exceed the first one starts a new run. How lines are written is the <see cref="ProgressMode"/>.
/// </summary>
public sealed class ProgressLine(TextWriter writer, ProgressMode mode)
{
    private int _width;
    private int _lastTenth = -1;
    private long _firstDone = -1;
    private TimeSpan _firstElapsed;

    /// <summary><see cref="ProgressMode.Rewrite"/> where <paramref name="writer"/> is the console's stderr on a terminal, otherwise <paramref name="otherwise"/>.</summary>
    public static ProgressMode ModeFor(TextWriter writer, ProgressMode otherwise) =>
        ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected ? ProgressMode.Rewrite : otherwise;

    /// <summary>Forgets the current run: the next report is the first of a new one.</summary>
    public void Restart()
    {
        _firstDone = -1;
        _lastTenth = -1;
    }

    public void Report(string what, string unit, long done, long total, TimeSpan elapsed, string? details = null)
    {
        if (_firstDone < 0 || done <= _firstDone)
        {
            _firstDone = done;
            _firstElapsed = elapsed;
            _lastTenth = -1;
        }
        var line = Format(what, unit, done, total, elapsed, Remaining(done, total, elapsed), details);
        switch (mode)
        {
            case ProgressMode.Rewrite:
                writer.Write("\r" + line.PadRight(_width));
                _width = line.Length;
                break;
            case ProgressMode.Tenths:
                int tenth = total > 0 ? (int)(10 * done / total) : 10;
                if (tenth == _lastTenth) return;
                _lastTenth = tenth;
                writer.WriteLine(line);
                break;
            default:
                writer.WriteLine(line);
                break;
        }
    }

    /// <summary>"estimating", "about … left" from the work after the first report, or "done".</summary>
    public string Remaining(long done, long total, TimeSpan elapsed)
    {
        if (done >= total) return "done";
        long measured = done - _firstDone;
        if (_firstDone < 0 || measured <= 0) return "estimating";
        double perItem = (elapsed - _firstElapsed).TotalSeconds / measured;
        return $"about {Duration(TimeSpan.FromSeconds(perItem * (total - done)), tenths: false)} left";
    }

    /// <summary>A line of its own (a warning, a result) that does not mix with a rewritten line.</summary>
    public void Note(string line)
    {
        Finish();
        writer.WriteLine(line);
    }

    /// <summary>Clears a rewritten line.</summary>
    public void Finish()
    {
        if (mode != ProgressMode.Rewrite || _width == 0) return;
        writer.Write("\r" + new string(' ', _width) + "\r");
        _width = 0;
    }

    public static string Format(string what, string unit, long done, long total, TimeSpan elapsed, string remaining, string? details = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{what}: {unit} {done}/{total}, {Duration(elapsed)}, {remaining}") +
        (string.IsNullOrEmpty(details) ? "" : ", " + details);

    /// <summary>"2.1 s" (or "2 s" without tenths) under a minute, "4 min 16 s" under an hour, then "3 h 05 min".</summary>
    public static string Duration(TimeSpan t, bool tenths = true) => t.TotalSeconds switch
    {
        < 59.5 when !tenths => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, t.TotalSeconds):F0} s"),
        < 59.95 when tenths => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, t.TotalSeconds):F1} s"),
        < 3600 => $"{(int)t.TotalMinutes} min {t.Seconds:D2} s",
        _ => $"{(int)t.TotalHours} h {t.Minutes:D2} min",
    };
}
