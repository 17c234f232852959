using System.Buffers.Binary;
using System.IO.Hashing;
using SuperRes.Imaging;

namespace SuperRes.Tests.Imaging;

/// <summary>Seeded mutation fuzzing: every mutated file must decode or throw <see cref="ImageFormatException"/>.</summary>
public class ImageCodecsFuzzTests
{
    private const int Trials = 1000;
    private static readonly ImageReadOptions SmallLimit = new() { MaxPixels = 1 << 20 };

    [Theory]
    [InlineData("pattern.png", false)]
    [InlineData("pattern.png", true)]
    [InlineData("adam7-rgba16.png", true)]
    [InlineData("palette4.png", true)]
    [InlineData("palette-trns.png", true)]
    [InlineData("baseline420.jpg", false)]
    [InlineData("baseline444.jpg", false)]
    [InlineData("progressive420.jpg", false)]
    [InlineData("restart-progressive.jpg", false)]
    [InlineData("gray.jpg", false)]
    [InlineData("rgb24.bmp", false)]
    [InlineData("palette8.bmp", false)]
    [InlineData("rgba32.bmp", false)]
    [InlineData("orient-src.ppm", false)]
    public void Decode_MutatedFile_DecodesOrThrowsImageFormatException(string name, bool fixPngCrcs)
    {
        byte[] original = ImagingFixtures.Bytes(name);
        var random = new Random(name.Length * 7919 + (fixPngCrcs ? 1 : 0));
        int decoded = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            byte[] data = Mutate(original, random);
            if (fixPngCrcs) FixPngCrcs(data);
            try
            {
                ImageCodecs.Decode(data, name, SmallLimit);
                decoded++;
            }
            catch (ImageFormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"{name} trial {trial}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
        Assert.True(decoded < Trials, "no mutation was detected as corrupt");
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var data = new List<byte>(source);
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits && data.Count > 0; e++)
        {
            // Bias towards the headers, where most of the structure is.
            int position = random.Next(2) == 0 ? random.Next(Math.Min(data.Count, 200)) : random.Next(data.Count);
            switch (random.Next(5))
            {
                case 0:
                    data[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[position] = (byte)random.Next(256);
                    break;
                case 2:
                    data.RemoveRange(position, data.Count - position);
                    break;
                case 3:
                    int length = Math.Min(1 + random.Next(64), data.Count - position);
                    data.InsertRange(random.Next(data.Count), data.GetRange(position, length));
                    break;
                default:
                    data[position] = (byte)(random.Next(2) == 0 ? 0xFF : 0x00);
                    break;
            }
        }
        return [.. data];
    }

    /// <summary>Recomputes chunk CRCs so the mutation reaches the decoder proper instead of the CRC check.</summary>
    private static void FixPngCrcs(byte[] data)
    {
        int pos = 8;
        while (pos + 12 <= data.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            if (length > data.Length - pos - 12) return;
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(pos + 8 + (int)length), Crc32.HashToUInt32(data.AsSpan(pos + 4, (int)length + 4)));
            pos += 12 + (int)length;
        }
    }
}
