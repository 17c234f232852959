using SuperRes.Reporting;

namespace SuperRes.Tests.Reporting;

public sealed class ProgressLineTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Report_OneFormat_WhatHowFarElapsedLeftDetails()
    {
        var writer = new StringWriter();
        var line = new ProgressLine(writer, ProgressMode.EveryReport);

        line.Report("train", "step", 100, 1000, S(70), "loss 0.5");
        line.Report("train", "step", 200, 1000, S(100), "loss 0.4");
        line.Report("train", "step", 1000, 1000, S(400));

        Assert.Equal(
            ["train: step 100/1000, 1 min 10 s, estimating, loss 0.5",
             "train: step 200/1000, 1 min 40 s, about 4 min 00 s left, loss 0.4", // 100 steps took 30 s after the first report
             "train: step 1000/1000, 6 min 40 s, done"],
            writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Report_CountNotAboveTheFirst_StartsANewRun()
    {
        var line = new ProgressLine(TextWriter.Null, ProgressMode.EveryReport);
        line.Report("a", "tile", 1, 10, S(9));
        line.Report("a", "tile", 2, 10, S(10));
        Assert.Equal("about 8 s left", line.Remaining(2, 10, S(10)));

        line.Report("a", "tile", 1, 4, S(30)); // the alpha plane after the colour: its first tile again
        Assert.Equal("estimating", line.Remaining(1, 4, S(30)));
        line.Report("a", "tile", 2, 4, S(32));
        Assert.Equal("about 4 s left", line.Remaining(2, 4, S(32)));
        line.Restart();
        Assert.Equal("estimating", line.Remaining(3, 4, S(33)));
    }

    [Fact]
    public void Tenths_WritesALineAtEachTenthOnly()
    {
        var writer = new StringWriter();
        var line = new ProgressLine(writer, ProgressMode.Tenths);
        for (int i = 1; i <= 100; i++) line.Report("x", "tile", i, 100, S(i));
        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length); // tile 1 (tenth 0), tiles 10, 20, ... 90 (tenths 1-9), tile 100 (tenth 10)
        Assert.StartsWith("x: tile 50/100,", lines[5]);
        Assert.StartsWith("x: tile 1/100,", lines[0]);
        Assert.Equal("x: tile 100/100, 1 min 40 s, done", lines[^1]);
    }

    [Fact]
    public void Rewrite_RewritesOneLineAndFinishClearsIt()
    {
        var writer = new StringWriter();
        var line = new ProgressLine(writer, ProgressMode.Rewrite);
        line.Report("up", "tile", 1, 2, S(1));
        line.Note("warning");
        line.Report("up", "tile", 2, 2, S(2));
        line.Finish();
        var text = writer.ToString();
        Assert.Equal("\rup: tile 1/2, 1.0 s, estimating" + "\r" + new string(' ', 31) + "\r" + "warning" + Environment.NewLine
            + "\rup: tile 2/2, 2.0 s, done" + "\r" + new string(' ', 25) + "\r", text);
    }

    [Theory]
    [InlineData(2.14, "2.1 s")]
    [InlineData(256, "4 min 16 s")]
    [InlineData(11100, "3 h 05 min")]
    public void Duration_ReadsAsPeopleSayIt(double seconds, string expected) => Assert.Equal(expected, ProgressLine.Duration(S(seconds)));
}
