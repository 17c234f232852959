namespace SuperRes.Fuzz;

/// <summary>
/// Structure-aware mutation: one to four edits, each either a structural one (chunks, segments,
/// header fields, JSON, element tags, by format) or a plain byte edit. Seeded, so a run is repeatable.
/// </summary>
public static class Mutator
{
    /// <summary>Sizes and counts that sit on limits: zero, one, powers of two and their neighbours, the pixel limit.</summary>
    public static readonly long[] Interesting =
        [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 63, 64, 255, 256, 1023, 4096, 8192, 32767, 32768, 65535, 65536, 20000, 46341,
         1 << 24, 400_000_000, int.MaxValue, 1L << 31, uint.MaxValue, -1, -2, int.MinValue];

    public static byte[] Mutate(FuzzFormat format, byte[] seed, Random random)
    {
        byte[] data = seed;
        int edits = 1 + random.Next(4);
        for (int i = 0; i < edits; i++)
        {
            data = random.Next(3) == 0 ? Bytes(data, random) : format switch
            {
                FuzzFormat.Png => PngMutator.Mutate(data, random),
                FuzzFormat.Jpeg => JpegMutator.Mutate(data, random),
                FuzzFormat.Bmp => HeaderMutator.MutateBmp(data, random),
                FuzzFormat.Pnm => HeaderMutator.MutatePnm(data, random),
                FuzzFormat.SafeTensors => SafeTensorsMutator.Mutate(data, random),
                _ => MatMutator.Mutate(data, random),
            };
        }
        if (format == FuzzFormat.Png && random.Next(8) != 0) PngMutator.FixCrcs(data);
        return data;
    }

    public static long PickInteresting(Random random) =>
        random.Next(4) == 0 ? Interesting[random.Next(Interesting.Length)] + random.Next(-2, 3) : Interesting[random.Next(Interesting.Length)];

    /// <summary>Format-blind edits: flip a bit, set a byte, truncate, duplicate a run, delete a run.</summary>
    public static byte[] Bytes(byte[] source, Random random)
    {
        if (source.Length == 0) return [(byte)random.Next(256)];
        var data = new List<byte>(source);
        int position = random.Next(2) == 0 ? random.Next(Math.Min(data.Count, 256)) : random.Next(data.Count);
        switch (random.Next(6))
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
                int length = Math.Min(1 + random.Next(256), data.Count - position);
                data.InsertRange(random.Next(data.Count), data.GetRange(position, length));
                break;
            case 4:
                data.RemoveRange(position, Math.Min(1 + random.Next(64), data.Count - position));
                break;
            default:
                data[position] = (byte)(random.Next(2) == 0 ? 0xFF : 0x00);
                break;
        }
        return [.. data];
    }
}
