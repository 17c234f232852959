using System.Buffers.Binary;

namespace SuperRes.Fuzz;

/// <summary>
/// JPEG edits segment by segment: frame size, sampling and component count; Huffman counts; restart
/// interval; scan parameters; scans repeated, dropped or cut short; markers dropped into scan data.
/// </summary>
public static class JpegMutator
{
    /// <summary>A marker segment (Marker, Body), entropy-coded data (Marker 0) or a standalone marker (Body null).</summary>
    private sealed record Item(int Marker, byte[]? Body);

    public static byte[] Mutate(byte[] data, Random random)
    {
        var items = Split(data);
        if (items.Count == 0) return data;
        int i = random.Next(items.Count);
        var item = items[i];
        int sof = items.FindIndex(x => x.Marker is 0xC0 or 0xC1 or 0xC2 && x.Body is { Length: >= 6 });
        switch (random.Next(10))
        {
            case 0 when sof >= 0:
            case 1 when sof >= 0:
                var frame = (byte[])items[sof].Body!.Clone();
                int field = random.Next(5);
                if (field < 2) BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(1 + 2 * field), (ushort)Mutator.PickInteresting(random));
                else if (field == 2) frame[5] = (byte)random.Next(5);
                else if (field == 3 && frame.Length >= 9) frame[7 + 3 * random.Next((frame.Length - 6) / 3)] = (byte)(random.Next(1, 5) << 4 | random.Next(1, 5));
                else items[sof] = items[sof] with { Marker = 0xC0 + random.Next(3) };
                items[sof] = items[sof] with { Body = frame };
                break;
            case 2:
                // Repeat a scan (header and data) up to a few hundred times.
                int sos = items.FindIndex(x => x.Marker == 0xDA);
                if (sos < 0) break;
                var repeated = items.Skip(sos).Take(sos + 1 < items.Count && items[sos + 1].Marker == 0 ? 2 : 1).ToList();
                int copies = random.Next(2) == 0 ? random.Next(1, 4) : random.Next(1, 300);
                for (int c = 0; c < copies; c++) items.InsertRange(sos, repeated);
                break;
            case 3:
                items.RemoveAt(i);
                break;
            case 4 when item.Marker == 0 && item.Body!.Length > 0:
                items[i] = item with { Body = item.Body[..random.Next(item.Body.Length)] };
                break;
            case 5 when item.Marker == 0 && item.Body!.Length > 0:
                var scan = new List<byte>(item.Body);
                int at = random.Next(scan.Count);
                if (random.Next(2) == 0) scan.InsertRange(at, [0xFF, (byte)(random.Next(2) == 0 ? 0xD0 + random.Next(8) : 0xD9)]);
                else scan[at] = (byte)random.Next(256);
                items[i] = item with { Body = scan.ToArray() };
                break;
            case 6 when item.Marker == 0xDA && item.Body!.Length >= 4:
                var header = (byte[])item.Body.Clone();
                header[header.Length - 1 - random.Next(3)] = (byte)(random.Next(2) == 0 ? random.Next(64) : random.Next(256));
                items[i] = item with { Body = header };
                break;
            case 7 when item.Marker == 0xC4 && item.Body!.Length >= 17:
                var table = (byte[])item.Body.Clone();
                table[1 + random.Next(16)] = (byte)(random.Next(2) == 0 ? random.Next(4) : random.Next(256));
                items[i] = item with { Body = table };
                break;
            case 8:
                var dri = new byte[2];
                BinaryPrimitives.WriteUInt16BigEndian(dri, (ushort)random.Next(random.Next(2) == 0 ? 4 : 65536));
                items.Insert(Math.Max(1, sof + 1), new Item(0xDD, dri));
                break;
            default:
                if (item.Body is not { Length: > 0 }) break;
                var body = (byte[])item.Body.Clone();
                body[random.Next(body.Length)] = (byte)random.Next(256);
                items[i] = item with { Body = body };
                break;
        }
        return Join(items);
    }

    private static List<Item> Split(byte[] data)
    {
        var items = new List<Item>();
        if (data.Length < 2) return items;
        int pos = 2;
        while (pos + 1 < data.Length)
        {
            if (data[pos] != 0xFF)
            {
                // Entropy-coded data runs to the next marker other than RSTn.
                int start = pos;
                while (pos + 1 < data.Length && !(data[pos] == 0xFF && data[pos + 1] is not (0x00 or 0xFF or (>= 0xD0 and <= 0xD7)))) pos++;
                if (pos + 1 >= data.Length) pos = data.Length;
                items.Add(new Item(0, data[start..pos]));
                continue;
            }
            int marker = data[pos + 1];
            if (marker is 0x01 or 0xFF or (>= 0xD0 and <= 0xD9))
            {
                items.Add(new Item(marker, null));
                pos += 2;
                continue;
            }
            if (pos + 4 > data.Length) break;
            int length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(pos + 2));
            if (length < 2 || pos + 2 + length > data.Length) break;
            items.Add(new Item(marker, data[(pos + 4)..(pos + 2 + length)]));
            pos += 2 + length;
        }
        if (pos < data.Length) items.Add(new Item(0, data[pos..]));
        return items;
    }

    private static byte[] Join(List<Item> items)
    {
        var output = new List<byte>(FileBuilder.Soi);
        foreach (var item in items)
        {
            if (item.Marker == 0) output.AddRange(item.Body!);
            else if (item.Body is null) output.AddRange([0xFF, (byte)item.Marker]);
            else output.AddRange(FileBuilder.Segment((byte)item.Marker, item.Body.AsSpan(0, Math.Min(item.Body.Length, 65533))));
        }
        return [.. output];
    }
}
