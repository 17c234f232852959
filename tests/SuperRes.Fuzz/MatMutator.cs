using System.Buffers.Binary;

namespace SuperRes.Fuzz;

/// <summary>
/// MAT-file edits at element tags: a tag's type or size, an array's class, flags or dimensions set to
/// values on the limits, a top-level element compressed, wrapped again or inflated back.
/// </summary>
public static class MatMutator
{
    private const int HeaderSize = 128;

    public static byte[] Mutate(byte[] source, Random random)
    {
        if (source.Length < HeaderSize + 8) return Mutator.Bytes(source, random);
        var data = (byte[])source.Clone();
        var tags = Tags(data);
        if (tags.Count == 0) return Mutator.Bytes(data, random);
        int tag = tags[random.Next(tags.Count)];
        switch (random.Next(6))
        {
            case 0:
                BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(tag), (uint)random.Next(20));
                return data;
            case 1:
                BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(tag + 4), (uint)Mutator.PickInteresting(random));
                return data;
            case 2:
                // The next 4-byte value after the tag: an array class, a dimension, a field name length.
                if (tag + 12 <= data.Length)
                    BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(tag + 8), random.Next(2) == 0 ? random.Next(20) : (int)Mutator.PickInteresting(random));
                return data;
            case 3:
                // Compress the first top-level element (or wrap a compressed one once more).
                int size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(HeaderSize + 4)), (uint)(data.Length - HeaderSize - 8));
                byte[] first = data[HeaderSize..(HeaderSize + 8 + size)];
                return FileBuilder.Concat(data[..HeaderSize], FileBuilder.MatElement(15, FileBuilder.Zlib(first)), data[(HeaderSize + 8 + size)..]);
            case 4:
                return data[..(HeaderSize + random.Next(data.Length - HeaderSize))];
            default:
                if (tag + 8 >= data.Length) return Mutator.Bytes(data, random);
                data[tag + 8 + random.Next(Math.Max(1, Math.Min(64, data.Length - tag - 8)))] ^= (byte)(1 << random.Next(8));
                return data;
        }
    }

    /// <summary>Offsets of the element tags found by walking the file and descending into arrays (not into compressed data).</summary>
    private static List<int> Tags(byte[] data)
    {
        var tags = new List<int>();
        var pending = new Stack<(int Start, int End)>();
        pending.Push((HeaderSize, data.Length));
        while (pending.Count > 0 && tags.Count < 1000)
        {
            var (pos, end) = pending.Pop();
            while (pos + 8 <= end)
            {
                tags.Add(pos);
                uint type = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos));
                if ((type >> 16) != 0)
                {
                    pos += 8;
                    continue;
                }
                uint size = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos + 4));
                if (size > end - pos - 8) break;
                if (type == 14) pending.Push((pos + 8, pos + 8 + (int)size));
                pos += 8 + (type == 15 ? (int)size : ((int)size + 7) & ~7);
            }
        }
        return tags;
    }
}
