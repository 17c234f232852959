using SuperRes.Cli;
using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Losses;
using SuperRes.Processing;
using SuperRes.Tests.Cli;

namespace SuperRes.Tests.Evaluation;

/// <summary>HFENN / MSE on real SR errors (<see cref="LossBalanceMeasurement"/>, <c>superres loss-balance</c>).</summary>
public sealed class LossBalanceTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Plane Ramp(int width, int height, Func<int, int, double> value)
    {
        var p = new Plane(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++) p[x, y] = (float)value(x, y);
        return p;
    }

    [Fact]
    public void Terms_MatchTheirDefinitions()
    {
        using var hfenn = new HfennLoss();
        var hr = Ramp(20, 18, (x, y) => 100 + 3 * x);
        // A single-pixel error e: MSE = e²/N; HFENN = e² Σ LoG² / N (the LoG is zero-padded, fully inside at the centre).
        var sr = Ramp(20, 18, (x, y) => 100 + 3 * x + (x == 10 && y == 9 ? 51 : 0));
        var (mse, hf, n) = LossBalanceMeasurement.Terms(sr, hr, hfenn);
        var e = 51 / 255.0;
        var log = SuperRes.Metrics.Fspecial.LaplacianOfGaussian(15, 1.5);
        double energy = 0;
        for (var r = 0; r < 15; r++)
            for (var c = 0; c < 15; c++)
                energy += log[r, c] * log[r, c];
        Assert.Equal(360, n);
        Assert.Equal(e * e / 360, mse, 1e-9);
        Assert.Equal(e * e * energy / 360, hf, 1e-8);
    }

    [Fact]
    public void AlphaFor_GivesTheHfennTermTheShare()
    {
        var balance = new LossBalance(1, 100, Mse: 2e-3, Hfenn: 8e-5);
        Assert.Equal(0.04, balance.Ratio, 1e-12);
        Assert.Equal(7.5, balance.AlphaFor(0.3), 1e-9);
        Assert.Equal(0.3 * balance.Mse, balance.AlphaFor(0.3) * balance.Hfenn, 1e-12);
    }

    [Fact]
    public void LossBalanceCommand_Bicubic_PrintsTheMeasuredRatioAndAlphas()
    {
        var folder = Path.Combine(_root, "Tiny");
        Directory.CreateDirectory(folder);
        var image = TestImages.Smooth(32, 28, 3, seed: 1);
        ImageCodecs.Write(image, Path.Combine(folder, "a.png"));
        var expected = LossBalanceMeasurement.Measure(new BicubicSuperResolver(), [ImageCodecs.Read(Path.Combine(folder, "a.png"))], 4);

        var (code, output, error) = CliHarness.Run("loss-balance", "-m", "bicubic", "--data", folder, "--scale", "4");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains($"HFENN / MSE  {expected.Ratio.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}", output);
        Assert.Contains($"1x MSE term: {expected.AlphaFor(1).ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}", output);
        Assert.True(expected.Ratio > 0 && expected.Mse > 0);
    }

    [Fact]
    public void LossBalanceCommand_MissingFolder_ExitsBadInput()
    {
        var (code, _, error) = CliHarness.Run("loss-balance", "-m", "bicubic", "--data", Path.Combine(_root, "none"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("no such folder", error);
    }
}
