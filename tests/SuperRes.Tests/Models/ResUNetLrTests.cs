using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Tests.Models;

/// <summary>The NVIDIA network with its DNN on the LR image: G(x) = Bicubic(x) + DNN(x).</summary>
public class ResUNetLrTests
{
    private static ResUNetLr Tiny(int scale) => new(new ResUNetLrOptions { Scale = scale, Width = 3, Levels = 1, BlocksPerLevel = 1 }, new Rng(4));

    [Theory]
    [InlineData(2, new[] { 2 })]
    [InlineData(3, new[] { 3 })]
    [InlineData(8, new[] { 2, 2, 2 })]
    public void UpscaleFactors_AreX2StagesOrOneX3(int scale, int[] factors) => Assert.Equal(factors, ResUNetLr.UpscaleFactors(scale));

    [Fact]
    public void Options_ScaleFiveIsRejected() =>
        Assert.Contains("not 3 or a power of 2", Assert.Throws<ArgumentException>(() => new ResUNetLrOptions { Scale = 5 }.Validate()).Message);

    [Fact]
    public void Forward_WithZeroTail_IsBicubic()
    {
        using var model = Tiny(4);
        foreach (var (name, p) in model.NamedParameters().Where(p => p.Name.StartsWith("tail.", StringComparison.Ordinal))) p.AsSpan().Clear();
        var x = TinyModels.Input(1, 1, 5, 6, 9);
        using var tape = new Tape();
        Assert.Equal(SpatialOps.Bicubic(x, 4).ToArray(), model.Forward(x).ToArray());
        Assert.Equal(new[] { 1, 1, 20, 24 }, model.Forward(x).Shape.ToArray());
    }

    [Fact]
    public void Backward_ParameterGradients_MatchFiniteDifferences()
    {
        using var model = Tiny(2);
        var x = TinyModels.Input(1, 1, 5, 4, 10);
        var weights = TinyModels.Input(1, 1, 10, 8, 11);
        double Loss()
        {
            using var tape = new Tape();
            using var _ = Tape.NoGrad();
            return Ops.Sum(Ops.Mul(model.Forward(x), weights)).Item();
        }
        Dictionary<string, float[]> analytic;
        using (var tape = new Tape())
        {
            model.ZeroGrad();
            Ops.Sum(Ops.Mul(model.Forward(x), weights)).Backward();
            analytic = model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad!.ToArray());
        }
        foreach (var name in new[] { "head.weight", "encoders.0.0.conv1.weight", "downs.0.weight", "ups.0.weight", "upsample.0.0.weight", "tail.bias" })
        {
            var p = model.StateDict()[name];
            for (var i = 0; i < Math.Min(4, p.Length); i++)
            {
                var span = p.AsSpan();
                var old = span[i];
                const float h = 2e-3f;
                span[i] = old + h;
                var plus = Loss();
                span[i] = old - h;
                var minus = Loss();
                span[i] = old;
                var numeric = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(analytic[name][i] - numeric) <= 1e-2 * Math.Max(1, Math.Abs(numeric)), $"{name}[{i}]: analytic {analytic[name][i]}, numeric {numeric}");
            }
        }
    }

    [Fact]
    public void Flops_AtX4_AreAFractionOfResUNetsOnTheUpscaledImage()
    {
        using var lr = new ResUNetLr(new ResUNetLrOptions { Scale = 4, Width = 32 }, new Rng(1));
        using var hr = new ResUNet(new ResUNetOptions { Scale = 4, Width = 32 }, new Rng(1));
        // Body, head and tail of ResUNet run on 16x the pixels; the LR form adds only its upsampling tail.
        Assert.InRange(lr.FlopsPerOutputPixel / hr.FlopsPerOutputPixel, 0.05, 0.25);
    }
}
