using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SuperRes.Tensors.Serialization;

/// <summary>
/// The safetensors format (huggingface/safetensors): u64 little-endian header length, a JSON header
/// {name: {dtype, shape, data_offsets}, "__metadata__": {string: string}}, then raw little-endian
/// data. Only F32 is read and written. Files load in PyTorch with safetensors.torch.load_file.
/// </summary>
public static class SafeTensors
{
    /// <summary>Largest header accepted (the reference implementation uses the same 100 MB cap).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>Writes durably and atomically (<see cref="IO.DurableFile"/>).</summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.ToList();
        var names = new HashSet<string>();
        foreach (var (name, _) in list)
            if (name == "__metadata__" || !names.Add(name)) throw new ArgumentException($"Invalid or duplicate tensor name '{name}'.");
        var header = BuildHeader(list, metadata);
        IO.DurableFile.Write(path, fs =>
        {
            Span<byte> len = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)header.Length);
            fs.Write(len);
            fs.Write(header);
            foreach (var (_, t) in list) WriteFloats(fs, t.AsSpan());
        });
    }

    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        => Save(path, tensors.AsEnumerable(), metadata);

    /// <summary>Reads a file; every size is checked against the file length before anything is allocated.</summary>
    public static SafeTensorsFile Load(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Load(fs, path);
    }

    /// <summary>Reads from a seekable stream (e.g. an embedded resource); <paramref name="path"/> names it in errors.</summary>
    public static SafeTensorsFile Load(Stream fs, string path)
    {
        ArgumentNullException.ThrowIfNull(fs);
        if (!fs.CanSeek) throw new ArgumentException("The stream must be seekable.", nameof(fs));
        long fileLength = fs.Length;
        if (fileLength < 8) throw new SafeTensorsException(path, $"file is {fileLength} bytes, too short for a safetensors header.");
        Span<byte> len = stackalloc byte[8];
        fs.ReadExactly(len);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(len);
        if (headerLength > MaxHeaderBytes || (long)headerLength > fileLength - 8)
            throw new SafeTensorsException(path, $"header length {headerLength} exceeds the file ({fileLength} bytes) or the {MaxHeaderBytes}-byte limit.");
        var headerBytes = new byte[headerLength];
        fs.ReadExactly(headerBytes);
        long dataStart = 8 + (long)headerLength, dataLength = fileLength - dataStart;
        var entries = ParseHeader(path, headerBytes, dataLength, out var metadata);
        var tensors = new Dictionary<string, Tensor>();
        try
        {
            foreach (var e in entries.OrderBy(e => e.Begin))
            {
                var t = Tensor.Empty(e.Shape).Persist();
                tensors.Add(e.Name, t);
                fs.Position = dataStart + e.Begin;
                if (e.Dtype == "F32") ReadFloats(fs, t.AsSpan());
                else ReadHalves(fs, t.AsSpan(), e.Dtype);
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return new SafeTensorsFile(tensors, metadata);
    }

    private sealed record Entry(string Name, int[] Shape, long Begin, long End, string Dtype = "F32");

    private static byte[] BuildHeader(List<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(k, v);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, t) in tensors)
            {
                w.WriteStartObject(name);
                w.WriteString("dtype", "F32");
                w.WriteStartArray("shape");
                foreach (int d in t.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                offset += (long)t.Length * 4;
                w.WriteNumberValue(offset);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        int pad = (int)((8 - ms.Length % 8) % 8);
        for (int i = 0; i < pad; i++) ms.WriteByte((byte)' ');
        return ms.ToArray();
    }

    private static List<Entry> ParseHeader(string path, byte[] header, long dataLength, out Dictionary<string, string> metadata)
    {
        metadata = new Dictionary<string, string>();
        var entries = new List<Entry>();
        if (!System.Text.Unicode.Utf8.IsValid(header)) throw new SafeTensorsException(path, "header is not valid UTF-8.");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(header); }
        catch (JsonException e) { throw new SafeTensorsException(path, "header is not valid JSON: " + e.Message); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new SafeTensorsException(path, "header is not a JSON object.");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(prop.Name)) throw new SafeTensorsException(path, $"name '{prop.Name}' appears twice in the header.");
                if (prop.Name == "__metadata__")
                {
                    if (prop.Value.ValueKind != JsonValueKind.Object) throw new SafeTensorsException(path, "__metadata__ is not an object.");
                    foreach (var m in prop.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String) throw new SafeTensorsException(path, $"metadata '{m.Name}' is not a string.");
                        metadata[m.Name] = m.Value.GetString()!;
                    }
                    continue;
                }
                entries.Add(ParseEntry(path, prop));
            }
        }
        long expected = 0;
        foreach (var e in entries.OrderBy(e => e.Begin))
        {
            if (e.Begin != expected) throw new SafeTensorsException(path, $"tensor '{e.Name}' starts at {e.Begin}, expected {expected} (gap or overlap).");
            expected = e.End;
        }
        if (expected != dataLength) throw new SafeTensorsException(path, $"data section is {dataLength} bytes but the header describes {expected}.");
        return entries;
    }

    private static Entry ParseEntry(string path, JsonProperty prop)
    {
        string name = prop.Name;
        var v = prop.Value;
        if (v.ValueKind != JsonValueKind.Object) throw new SafeTensorsException(path, $"entry '{name}' is not an object.");
        if (!v.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String)
            throw new SafeTensorsException(path, $"tensor '{name}' has no dtype.");
        string type = dtype.GetString()!;
        if (type is not ("F32" or "F16" or "BF16")) throw new SafeTensorsException(path, $"tensor '{name}' has dtype {type}; F32, F16 and BF16 are supported.");
        int elementSize = type == "F32" ? 4 : 2;
        if (!v.TryGetProperty("shape", out var shapeEl) || shapeEl.ValueKind != JsonValueKind.Array || shapeEl.GetArrayLength() > Shapes.MaxRank)
            throw new SafeTensorsException(path, $"tensor '{name}' has no valid shape.");
        var shape = new int[shapeEl.GetArrayLength()];
        long count = 1;
        int i = 0;
        foreach (var d in shapeEl.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out int dim) || dim < 0)
                throw new SafeTensorsException(path, $"tensor '{name}' has an invalid dimension.");
            shape[i++] = dim;
            count *= dim;
            if (count > int.MaxValue) throw new SafeTensorsException(path, $"tensor '{name}' is too large.");
        }
        if (!v.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array || off.GetArrayLength() != 2
            || !off[0].TryGetInt64(out long begin) || !off[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            throw new SafeTensorsException(path, $"tensor '{name}' has invalid data_offsets.");
        if (end - begin != count * elementSize)
            throw new SafeTensorsException(path, $"tensor '{name}' of shape {Shapes.Format(shape)} needs {count * elementSize} bytes, offsets give {end - begin}.");
        return new Entry(name, shape, begin, end, type);
    }

    private static void WriteFloats(Stream s, ReadOnlySpan<float> data)
    {
        if (BitConverter.IsLittleEndian)
        {
            s.Write(MemoryMarshal.AsBytes(data));
            return;
        }
        Span<byte> b = stackalloc byte[4];
        foreach (float f in data)
        {
            BinaryPrimitives.WriteSingleLittleEndian(b, f);
            s.Write(b);
        }
    }

    /// <summary>Reads float16 or bfloat16 (little-endian) values and widens them to float32.</summary>
    private static void ReadHalves(Stream s, Span<float> data, string dtype)
    {
        var raw = new byte[data.Length * 2];
        s.ReadExactly(raw);
        for (int i = 0; i < data.Length; i++)
        {
            var b = raw.AsSpan(2 * i, 2);
            data[i] = dtype == "F16"
                ? (float)BinaryPrimitives.ReadHalfLittleEndian(b)
                : BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b) << 16);
        }
    }

    private static void ReadFloats(Stream s, Span<float> data)
    {
        s.ReadExactly(MemoryMarshal.AsBytes(data));
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < data.Length; i++)
                data[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(data[i])));
    }
}
