using SuperRes.Evaluation;
using SuperRes.Imaging;

namespace SuperRes.Tests.Evaluation;

public sealed class EvaluatorTests
{
    [Fact]
    public void EvaluateFolder_BrokenFile_IsReportedAndTheRestEvaluated()
    {
        var folder = TestImages.TempFolder();
        try
        {
            ImageCodecs.Write(TestImages.Smooth(40, 32, 3, seed: 1), Path.Combine(folder, "a.png"));
            File.WriteAllBytes(Path.Combine(folder, "b.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);
            ImageCodecs.Write(TestImages.Smooth(36, 44, 1, seed: 2), Path.Combine(folder, "c.png"));
            File.WriteAllText(Path.Combine(folder, "README.md"), "not an image");
            var reports = new List<EvaluationProgress>();

            var result = new Evaluator(new BicubicSuperResolver())
                .EvaluateFolder(folder, new BenchmarkProtocol(2), new SynchronousProgress(reports.Add));

            Assert.Equal(["a.png", "c.png"], result.Images.Select(i => i.Name));
            var failure = Assert.Single(result.Failures);
            Assert.Equal("b.png", failure.Name);
            Assert.StartsWith("b.png", failure.Message);
            Assert.DoesNotContain('\n', failure.Message);
            Assert.Equal([1, 2, 3], reports.Select(r => r.Done));
            Assert.All(reports, r => Assert.Equal(3, r.Total));
            Assert.Equal(result.Images.Average(i => i.Psnr), result.Psnr, 12);
            Assert.Equal(Path.GetFileName(folder), result.Dataset);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void EvaluateFolder_OnImage_ReceivesEverySuperResolvedImage()
    {
        var folder = TestImages.TempFolder();
        try
        {
            ImageCodecs.Write(TestImages.Smooth(40, 32, 3, seed: 3), Path.Combine(folder, "a.png"));
            var seen = new List<(string, int)>();
            new Evaluator(new BicubicSuperResolver()).EvaluateFolder(folder, new BenchmarkProtocol(4), onImage: (n, img) => seen.Add((n, img.Width)));
            Assert.Equal([("a.png", 40)], seen);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void EvaluateFolder_MissingFolder_ThrowsNamingIt()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() =>
            new Evaluator(new BicubicSuperResolver()).EvaluateFolder("/no/such/folder", new BenchmarkProtocol(2)));
        Assert.Contains("/no/such/folder", e.Message);
    }

    [Fact]
    public void EvaluateFolder_EmptyFolder_GivesNoImagesAndNaNMeans()
    {
        var folder = TestImages.TempFolder();
        try
        {
            var result = new Evaluator(new BicubicSuperResolver()).EvaluateFolder(folder, new BenchmarkProtocol(2));
            Assert.Empty(result.Images);
            Assert.True(double.IsNaN(result.Psnr));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests want reports in order, now.</summary>
    private sealed class SynchronousProgress(Action<EvaluationProgress> report) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => report(value);
    }
}
