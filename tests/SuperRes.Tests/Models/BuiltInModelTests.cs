using SuperRes.Inference;
using SuperRes.Evaluation;
using SuperRes.Models;

namespace SuperRes.Tests.Models;

/// <summary>The model embedded in the library: it loads, serves x2 and x4, and keeps its promised quality.</summary>
public sealed class BuiltInModelTests
{
    [Fact]
    public void Load_Embedded_IsAYLapSrnServingX2AndX4()
    {
        Assert.True(BuiltInModel.IsAvailable, $"{BuiltInModel.ResourceName} is not embedded: src/SuperRes/Models/BuiltIn/default.safetensors is missing.");
        using var model = BuiltInModel.Load();

        var lapSrn = Assert.IsType<LapSrn>(model);
        Assert.Equal((4, 1), (lapSrn.Scale, lapSrn.Channels));
        Assert.Equal([2, 4], SuperRes.Inference.Upscaler.SupportedScales(lapSrn));
    }

    /// <summary>The bar: at least 2 dB over bicubic (28.43) on Set5 x4; x2 must beat bicubic's 33.69 too.</summary>
    [Theory]
    [InlineData(4, 30.43)]
    [InlineData(2, 33.69)]
    public void Evaluate_Set5_BeatsTheBar(int scale, double bar)
    {
        using var model = BuiltInModel.Load()!;
        var result = new Evaluator(new ModelSuperResolver(model, BuiltInModel.DisplayName))
            .EvaluateFolder(Path.Combine(TestPaths.Datasets, "Set5"), new BenchmarkProtocol(scale));

        Assert.Empty(result.Failures);
        Assert.Equal(5, result.Images.Count);
        Assert.True(result.Psnr >= bar, $"Set5 x{scale}: {result.Psnr:F4} dB < {bar} dB");
    }
}
