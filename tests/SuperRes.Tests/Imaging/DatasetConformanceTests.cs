using System.Buffers.Binary;
using System.Security.Cryptography;
using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

/// <summary>Every image of ../shared/datasets decodes, with the size its header declares.</summary>
public class DatasetConformanceTests
{
    [Fact]
    public void Read_EveryDatasetImage_DecodesWithHeaderSize()
    {
        Assert.True(Directory.Exists(TestPaths.Datasets), $"datasets not found at {TestPaths.Datasets}");
        var files = Directory.EnumerateFiles(TestPaths.Datasets, "*.png", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            byte[] data = File.ReadAllBytes(file);
            // Read IHDR directly, independently of the decoder.
            int width = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(16));
            int height = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(20));
            int channels = data[25] switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => 3 };
            var image = ImageCodecs.Decode(data, file);
            Assert.True((width, height, channels) == (image.Width, image.Height, image.Channels), $"{file}: {image.Width}x{image.Height}x{image.Channels}");
        }
    }

    // Sizes reported by `file`, and SHA-256 of the samples ImageMagick decodes (`convert F -depth 8 rgb:- | sha256sum`).
    [Theory]
    [InlineData("Set5/baby.png", 512, 512, 3, "f14d515486b1a110a8f6a08b23114a7c0ef79e96337692bb48e24dfd8943b3b7")]
    [InlineData("Set14/bridge.png", 512, 512, 1, "5dcb11614ab9734cbe24263b7abadf879df0c54a7b3b950de7f046d905fc4fa5")]
    [InlineData("BSD100/img_001.png", 0, 0, 3, "efe732e734da9cdbcf2fcc9e25831f68abd482550ee5b464c967edf634313622")]
    [InlineData("Set5/woman.png", 228, 344, 3, null)]
    [InlineData("Set14/barbara.png", 720, 576, 3, null)]
    public void Read_KnownDatasetImage_MatchesRecordedSizeAndSamples(string relative, int width, int height, int channels, string? sha256)
    {
        var image = ImageCodecs.Read(Path.Combine(TestPaths.Datasets, relative));
        if (width > 0) Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(channels, image.Channels);
        if (sha256 is not null)
        {
            byte[] bytes = image.ToUInt16Array().Select(s => (byte)s).ToArray();
            Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
    }
}
