using System.Buffers.Binary;
using System.IO.Hashing;

namespace SuperRes.Fuzz;

/// <summary>PNG edits chunk by chunk: IHDR fields, chunk order and count, IDAT split or re-compressed, tRNS/PLTE inserted.</summary>
public static class PngMutator
{
    private static readonly string[] Types = ["IHDR", "PLTE", "tRNS", "IDAT", "IEND", "gAMA", "tEXt"];

    public static byte[] Mutate(byte[] data, Random random)
    {
        var chunks = Split(data, out byte[] tail);
        if (chunks.Count == 0) return data;
        int i = random.Next(chunks.Count);
        var (type, body) = chunks[i];
        switch (random.Next(9))
        {
            case 0 or 1 when chunks[0].Type == "IHDR" && chunks[0].Body.Length == 13:
                body = (byte[])chunks[0].Body.Clone();
                int field = random.Next(7);
                if (field < 2) BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(4 * field), (uint)Mutator.PickInteresting(random));
                else body[6 + field] = (byte)(random.Next(2) == 0 ? random.Next(17) : random.Next(256));
                chunks[0] = ("IHDR", body);
                break;
            case 2:
                chunks.Insert(random.Next(chunks.Count + 1), chunks[i]);
                break;
            case 3:
                chunks.RemoveAt(i);
                break;
            case 4:
                var (a, b) = (random.Next(chunks.Count), random.Next(chunks.Count));
                (chunks[a], chunks[b]) = (chunks[b], chunks[a]);
                break;
            case 5 when type == "IDAT" && body.Length > 1:
                int cut = 1 + random.Next(body.Length - 1);
                chunks[i] = ("IDAT", body[..cut]);
                chunks.Insert(i + 1, ("IDAT", body[cut..]));
                break;
            case 6:
                // Valid zlib of a wrong amount of plausible row data.
                var raw = new byte[random.Next(2) == 0 ? random.Next(64) : random.Next(1 << 16)];
                if (random.Next(2) == 0) random.NextBytes(raw);
                for (int r = 0; r < raw.Length; r += 1 + random.Next(64)) raw[r] = (byte)random.Next(5);
                chunks[i] = ("IDAT", FileBuilder.Zlib(raw));
                break;
            case 7:
                var inserted = new byte[random.Next(2) == 0 ? random.Next(8) : 3 * random.Next(1, 260)];
                random.NextBytes(inserted);
                chunks.Insert(1 + random.Next(chunks.Count), (Types[random.Next(Types.Length)], inserted));
                break;
            default:
                if (body.Length == 0) break;
                body = (byte[])body.Clone();
                body[random.Next(body.Length)] = (byte)random.Next(256);
                chunks[i] = (type, body);
                break;
        }
        return Join(chunks, tail);
    }

    /// <summary>Recomputes the CRC of every whole chunk, so an edit reaches the decoder rather than the CRC check.</summary>
    public static void FixCrcs(byte[] data)
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

    private static List<(string Type, byte[] Body)> Split(byte[] data, out byte[] tail)
    {
        var chunks = new List<(string, byte[])>();
        int pos = 8;
        while (pos + 12 <= data.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            if (length > data.Length - pos - 12) break;
            chunks.Add((System.Text.Encoding.Latin1.GetString(data, pos + 4, 4), data.AsSpan(pos + 8, (int)length).ToArray()));
            pos += 12 + (int)length;
        }
        tail = data.AsSpan(Math.Min(pos, data.Length)).ToArray();
        return chunks;
    }

    private static byte[] Join(List<(string Type, byte[] Body)> chunks, byte[] tail) =>
        FileBuilder.Concat([FileBuilder.PngSignature, .. chunks.Select(c => FileBuilder.PngChunk(c.Type, c.Body)), tail]);
}
