using SuperRes.Imaging;
using SuperRes.Inference;
using SuperRes.Models;

namespace SuperRes.Tests;

/// <summary>
/// The library example of README.md and src/SuperRes/README.md (the package's readme) is the method
/// below, compiled and run here; the READMEs must show it verbatim, so it cannot rot.
/// </summary>
public sealed class ReadmeExampleTests
{
    // README:begin
    static void Upscale(string input, string output)
    {
        using var model = BuiltInModel.Load()!;       // or ModelFile.Load("my-model.safetensors")
        var upscaler = new Upscaler(model, scale: 4);  // tile by tile: memory stays bounded
        Image image = ImageCodecs.Read(input);         // PNG, JPEG, BMP, PPM/PGM
        Image result = upscaler.Upscale(image);        // colour by the network, alpha bicubic
        ImageCodecs.Write(result, output);             // .png, .bmp, .ppm/.pgm
    }
    // README:end

    [Fact]
    public void Upscale_ReadmeExample_WritesTheImageFourTimesLarger()
    {
        var folder = Directory.CreateTempSubdirectory("superres-readme-");
        try
        {
            string input = Path.Combine(folder.FullName, "bird.png"), output = Path.Combine(folder.FullName, "bird_x4.png");
            var image = new Image(20, 14, 3, 8);
            for (int i = 0; i < image.SampleCount; i++) image.SetSample(i, i * 37 % 256);
            ImageCodecs.Write(image, input);

            Upscale(input, output);

            var result = ImageCodecs.Read(output);
            Assert.Equal((80, 56, 3), (result.Width, result.Height, result.Channels));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("src/SuperRes/README.md")]
    public void Readme_ShowsTheCompiledExampleVerbatim(string readme)
    {
        string source = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "SuperRes.Tests", "ReadmeExampleTests.cs")).ReplaceLineEndings("\n");
        var lines = source.Split('\n');
        var usings = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal));
        var method = lines.SkipWhile(l => !l.Contains("// README:begin")).Skip(1).TakeWhile(l => !l.Contains("// README:end"))
            .Select(l => l.StartsWith("    ", StringComparison.Ordinal) ? l[4..] : l);
        string expected = string.Join("\n", [.. usings, "", .. method]);

        string text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, readme)).ReplaceLineEndings("\n");
        Assert.Contains("```csharp\n" + expected + "\n```", text);
    }
}
