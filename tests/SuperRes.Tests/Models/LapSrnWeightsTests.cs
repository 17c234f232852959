using SuperRes.Inference;
using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Models;
using SuperRes.Processing;
using SuperRes.Tests.Weights;
using SuperRes.Weights;
using Xunit.Abstractions;

namespace SuperRes.Tests.Models;

public class LapSrnWeightsTests(ITestOutputHelper output)
{
    private static string Weights(int scale) => Path.Combine(TestPaths.Pretrained, $"LapSRN_x{scale}.mat");

    [PretrainedTheory]
    [InlineData(2, 10)]
    [InlineData(4, 10)]
    [InlineData(8, 5)]
    public void Load_PublishedModel_OptionsAndEveryParameter(int scale, int depth)
    {
        var net = MatConvNetImporter.Load(Weights(scale));
        using var model = LapSrnWeights.FromDagNetwork(net, Weights(scale));
        var options = Assert.IsType<LapSrnOptions>(model.Options);
        Assert.Equal(scale, options.Scale);
        Assert.Equal(depth, options.Depth);
        Assert.Equal(64, options.Width);
        Assert.Equal(0.2f, options.LeakySlope);
        Assert.Equal(net.Params.Values.Sum(p => (long)p.Data.Length), model.ParameterCount());
        var weight = model.NamedParameters().Single(p => p.Name == "levels.0.convs.0.weight").Parameter;
        Assert.Equal(net.Params[$"level{model.LevelCount}_conv1_f"].Data, weight.ToArray());
    }

    [Fact]
    public void FromDagNetwork_NotLapSrn_ThrowsMatFileException()
    {
        var bytes = MatTestWriter.File(MatTestWriter.Struct("net", [1, 1], ["layers", "params"],
            MatTestWriter.Struct("", [0, 0], ["name", "type", "inputs", "outputs", "params", "block"]),
            MatTestWriter.Struct("", [0, 0], ["name", "value"])));
        var net = MatConvNetImporter.FromMatFile(MatFile.Read(bytes, "empty.mat"), "empty.mat");
        var ex = Assert.Throws<MatFileException>(() => LapSrnWeights.FromDagNetwork(net, "empty.mat"));
        Assert.Contains("LapSRN", ex.Message);
    }

    [PretrainedTheory]
    [InlineData("butterfly.png", 4)]
    [InlineData("bird.png", 2)]
    public void Upscale_Set5Crop_BeatsBicubic(string file, int scale)
    {
        string path = Path.Combine(TestPaths.Datasets, "Set5", file);
        var planes = ImagePlanes.Split(ImageCodecs.Read(path)).Select(p => p.Crop(96, 96, 32, 32)).ToArray();
        var image = ImagePlanes.Merge(planes, 8);
        using var model = LapSrnWeights.Load(Weights(scale));
        var protocol = new BenchmarkProtocol(scale);
        var lapSrn = protocol.Evaluate(image, new ModelSuperResolver(model), file).Score;
        var bicubic = protocol.Evaluate(image, new BicubicSuperResolver(), file).Score;
        output.WriteLine($"{file} 32x32 crop x{scale}: LapSRN {lapSrn.Psnr:F3} dB / {lapSrn.Ssim:F4}, bicubic {bicubic.Psnr:F3} dB / {bicubic.Ssim:F4}");
        Assert.True(lapSrn.Psnr > bicubic.Psnr + 1, $"LapSRN {lapSrn.Psnr:F3} dB vs bicubic {bicubic.Psnr:F3} dB");
        Assert.True(lapSrn.Ssim > bicubic.Ssim);
    }

    /// <summary>The published LapSRN figures, measured with the protocol of ../shared/datasets (LR in float); 0.01 dB.</summary>
    [ConformanceTheory]
    [InlineData("Set5", 4, 31.5385, 0.8865)]
    [InlineData("Set14", 4, 28.0909, 0.7694)]
    [InlineData("Set5", 2, 37.5167, 0.9591)]
    [InlineData("Set14", 2, 32.9874, 0.9124)]
    [InlineData("BSD100", 2, 31.7996, 0.8949)]
    public void EvaluateFolder_PublishedWeights_MatchesReference(string dataset, int scale, double psnr, double ssim)
    {
        using var model = LapSrnWeights.Load(Weights(scale));
        var result = new Evaluator(new ModelSuperResolver(model, "lapsrn"))
            .EvaluateFolder(Path.Combine(TestPaths.Datasets, dataset), new BenchmarkProtocol(scale));
        foreach (var image in result.Images) output.WriteLine($"{image.Name}: {image.Psnr:F4} dB, SSIM {image.Ssim:F4}");
        output.WriteLine($"{dataset} x{scale}: {result.Psnr:F4} / {result.Ssim:F4} in {result.Seconds:F1} s");
        Assert.Empty(result.Failures);
        Assert.InRange(result.Psnr, psnr - 0.01, psnr + 0.01);
        Assert.InRange(result.Ssim, ssim - 0.001, ssim + 0.001);
    }
}
