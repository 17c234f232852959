using SuperRes.Cli;
using SuperRes.Inference;

namespace SuperRes.Tests.Cli;

public sealed class UpscaleProgressTests
{
    [Fact]
    public void TileProgressLine_EstimatesFromTilesAfterTheFirst()
    {
        var error = new StringWriter();
        var line = new TileProgressLine(error);
        line.StartFile(2, 5, "a/b.png");
        line.Report(new UpscaleProgress(1, 10, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(81)));
        Assert.Contains("estimating", error.ToString());
        Assert.Contains("[2/5] a/b.png: tile 1/10", error.ToString());

        // Tile 2 took 1 s (the first 9 s were warm-up): 8 tiles left, about 8 s, not 81.
        var p = new UpscaleProgress(2, 10, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40));
        Assert.Equal("about 8 s left", line.Remaining(p));
    }
}
