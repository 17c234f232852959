using System.IO.Hashing;
using System.Buffers.Binary;
using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

/// <summary>Small committed image fixtures and generated test images.</summary>
internal static class ImagingFixtures
{
    public static string Folder => System.IO.Path.Combine(TestPaths.RepositoryRoot, "tests", "SuperRes.Tests", "Imaging", "Fixtures");

    public static string Path(string name) => System.IO.Path.Combine(Folder, name);

    public static Image Read(string name) => ImageCodecs.Read(Path(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    /// <summary>A smooth gradient plus seeded noise, so every PNG filter gets chosen somewhere.</summary>
    public static Image Generate(int width, int height, int channels, int bitDepth, int seed)
    {
        var random = new Random(seed);
        var image = new Image(width, height, channels, bitDepth);
        int max = image.MaxValue;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                {
                    double smooth = (x * (c + 1) + y * (3 - c)) / (double)(width + height + 4);
                    double noise = (y % 3 == 0) ? random.NextDouble() : random.NextDouble() * 0.05;
                    image[x, y, c] = (ushort)Math.Clamp((int)((smooth * 0.8 + noise * 0.2) * max), 0, max);
                }
        return image;
    }

    public static void AssertSameSamples(Image expected, Image actual)
    {
        Assert.Equal((expected.Width, expected.Height, expected.Channels, expected.BitDepth),
            (actual.Width, actual.Height, actual.Channels, actual.BitDepth));
        for (int i = 0; i < expected.SampleCount; i++)
            if (expected.GetSample(i) != actual.GetSample(i))
                Assert.Fail($"Sample {i} (pixel {i / expected.Channels % expected.Width},{i / expected.Channels / expected.Width} channel {i % expected.Channels}) differs: expected {expected.GetSample(i)}, got {actual.GetSample(i)}.");
    }

    /// <summary>A PNG signature, an IHDR claiming the size (8-bit RGB) with its CRC, and an IEND.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[4 + 13];
        "IHDR"u8.CopyTo(ihdr);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(8), height);
        ihdr[12] = 8;
        ihdr[13] = 2;
        Chunk(stream, ihdr);
        Chunk(stream, "IEND"u8.ToArray());
        return stream.ToArray();

        static void Chunk(Stream stream, byte[] typeAndData)
        {
            Span<byte> word = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(word, typeAndData.Length - 4);
            stream.Write(word);
            stream.Write(typeAndData);
            BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.HashToUInt32(typeAndData));
            stream.Write(word);
        }
    }
}
