using System.Diagnostics;
using SuperRes.Reporting;

namespace SuperRes.Cli.Bench;

/// <summary>
/// `superres bench`'s progress through its stages, on the one <see cref="ProgressLine"/>:
/// <c>bench: stage 3/6, 41.0 s, about 50 s left, LapSRN x4 inference</c> before each stage (a line
/// each, since the stages take long and their names matter).
/// </summary>
public sealed class BenchStages(TextWriter error, int total)
{
    private readonly ProgressLine _line = new(error, ProgressMode.EveryReport);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _done;

    /// <summary>Announces the next stage: the stages before it are done.</summary>
    public void Next(string name) => _line.Report("bench", "stage", _done++, total, _clock.Elapsed, name);

    /// <summary>Reports the last stage finished.</summary>
    public void Done() => _line.Report("bench", "stage", total, total, _clock.Elapsed);
}
