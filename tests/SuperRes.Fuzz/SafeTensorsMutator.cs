using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace SuperRes.Fuzz;

/// <summary>
/// safetensors edits: the header JSON (dtype, shape, offsets, metadata, duplicated names, deep
/// nesting), the header length field and the data section's length.
/// </summary>
public static class SafeTensorsMutator
{
    private static readonly string[] DTypes = ["F32", "F16", "BF16", "F64", "I64", "U8", "BOOL", ""];

    public static byte[] Mutate(byte[] data, Random random)
    {
        if (data.Length < 8) return Mutator.Bytes(data, random);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(data);
        if (headerLength > (ulong)(data.Length - 8)) return Mutator.Bytes(data, random);
        string json = Encoding.UTF8.GetString(data, 8, (int)headerLength);
        byte[] payload = data[(8 + (int)headerLength)..];
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject;
            _ = root?.Count; // a duplicated name shows here
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
        {
            root = null;
        }
        switch (random.Next(8))
        {
            case 0:
                var lengthField = (byte[])data.Clone();
                BinaryPrimitives.WriteUInt64LittleEndian(lengthField, (ulong)Mutator.PickInteresting(random));
                return lengthField;
            case 1:
                // Duplicate the first entry under its own name (System.Text.Json nodes cannot hold that, so splice text).
                int brace = json.IndexOf('{');
                int comma = json.IndexOf(",\"", StringComparison.Ordinal);
                if (brace < 0 || comma <= brace) break;
                return Rebuild(json[..comma] + "," + json[(brace + 1)..comma] + json[comma..], payload);
            case 2:
                return Rebuild(new string('[', random.Next(1, 2000)) + json, payload);
            case 3:
                int cut = random.Next(payload.Length + 1);
                return Rebuild(json, random.Next(2) == 0 ? payload[..cut] : [.. payload, .. new byte[random.Next(64)]]);
        }
        if (root is null) return Mutator.Bytes(data, random);
        var entries = root.Where(p => p.Value is JsonObject && p.Key != "__metadata__").ToList();
        if (entries.Count == 0) return Rebuild(root.ToJsonString(), payload);
        var entry = (JsonObject)entries[random.Next(entries.Count)].Value!;
        switch (random.Next(5))
        {
            case 0:
                entry["dtype"] = random.Next(4) == 0 ? JsonValue.Create(7) : DTypes[random.Next(DTypes.Length)];
                break;
            case 1:
                var shape = new JsonArray();
                for (int i = random.Next(6); i > 0; i--) shape.Add(random.Next(2) == 0 ? Mutator.PickInteresting(random) : random.Next(8));
                entry["shape"] = random.Next(8) == 0 ? JsonValue.Create("x") : shape;
                break;
            case 2:
                entry["data_offsets"] = new JsonArray(Mutator.PickInteresting(random), Mutator.PickInteresting(random));
                break;
            case 3:
                root["__metadata__"] = random.Next(2) == 0 ? new JsonObject { ["k"] = 5 } : JsonValue.Create("m");
                break;
            default:
                entry.Remove(random.Next(2) == 0 ? "shape" : "data_offsets");
                break;
        }
        return Rebuild(root.ToJsonString(), payload);
    }

    private static byte[] Rebuild(string json, byte[] payload) => FileBuilder.SafeTensors(json, payload);
}
