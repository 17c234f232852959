using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SuperRes.Tensors;

namespace SuperRes.Weights.Torch;

/// <summary>
/// Reads the tensors of a PyTorch checkpoint (<c>torch.save</c>, zip format of PyTorch 1.6 and
/// later) without Python: <c>&lt;prefix&gt;/data.pkl</c> is read by a <see cref="RestrictedUnpickler"/>
/// (data only, no code) and the storages <c>&lt;prefix&gt;/data/&lt;key&gt;</c> are converted from
/// float32, float16 or bfloat16 into float32 tensors, honouring storage offsets and strides. The
/// usual wrappers (<c>params_ema</c>, then <c>params</c>, <c>state_dict</c>, <c>model</c>) and a
/// <c>module.</c> prefix (DataParallel) are unwrapped. Every problem is a <see cref="TorchCheckpointException"/>.
/// </summary>
public static class TorchCheckpoint
{
    /// <summary>Largest <c>data.pkl</c> read (a state dict's pickle is a few kilobytes per tensor).</summary>
    public const long MaxPickleBytes = 64L << 20;

    private static readonly string[] Wrappers = ["params_ema", "params", "state_dict", "model", "net", "network"];

    // The magic number the legacy (pre-1.6) format pickles first.
    private static readonly byte[] LegacyMagic = [0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

    /// <summary>The checkpoint's tensors by state-dict name, as float32 (the caller disposes them).</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        using var fs = OpenRead(path);
        return Load(fs, path);
    }

    /// <summary>Reads from a seekable stream; <paramref name="path"/> names it in errors.</summary>
    public static Dictionary<string, Tensor> Load(Stream stream, string path)
    {
        ArgumentNullException.ThrowIfNull(stream);
        RefuseLegacy(stream, path);
        ZipArchive zip;
        try { zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException e) { throw new TorchCheckpointException(path, "not a PyTorch checkpoint (not a zip archive): " + e.Message, e); }
        using (zip)
        {
            var pickleEntry = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1)
                ?? throw new TorchCheckpointException(path, "zip archive has no <name>/data.pkl: not a torch.save checkpoint"
                    + (zip.Entries.Any(e => e.FullName.EndsWith("/constants.pkl", StringComparison.Ordinal)) ? " (it is a TorchScript archive; save the model's state_dict instead)" : ""));
            string prefix = pickleEntry.FullName[..^"data.pkl".Length];
            bool bigEndian = ReadText(zip, prefix + "byteorder", stream.Length, path) is "big";
            var root = RestrictedUnpickler.Load(ReadEntry(pickleEntry, MaxPickleBytes, stream.Length, path), path);
            var dict = Unwrap(root, path);
            var result = new Dictionary<string, Tensor>();
            try
            {
                var storages = new Dictionary<string, byte[]>();
                foreach (var (k, v) in dict.Items)
                {
                    if (k is not string name || v is not TorchTensorRef t) continue; // e.g. counters or version numbers beside the tensors
                    if (!storages.TryGetValue(t.Storage.Key, out var bytes))
                        storages[t.Storage.Key] = bytes = ReadStorage(zip, prefix, t.Storage, stream.Length, path);
                    result[StripModulePrefix(name)] = Materialize(t, bytes, bigEndian, name, path);
                }
            }
            catch
            {
                foreach (var t in result.Values) t.Dispose();
                throw;
            }
            if (result.Count == 0) throw new TorchCheckpointException(path, "checkpoint holds no tensors");
            return result;
        }
    }

    private static FileStream OpenRead(string path)
    {
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TorchCheckpointException(path, e.Message, e);
        }
    }

    private static void RefuseLegacy(Stream s, string path)
    {
        Span<byte> head = stackalloc byte[16];
        s.Position = 0;
        int n = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        s.Position = 0;
        if (n >= 2 && head[0] == 0x80 && head[1] <= 5)
        {
            bool legacy = n >= 2 + LegacyMagic.Length && head.Slice(2, LegacyMagic.Length).SequenceEqual(LegacyMagic);
            throw new TorchCheckpointException(path, (legacy ? "legacy (pre-1.6) PyTorch checkpoint format" : "a bare pickle, not a torch.save zip archive")
                + " is not read; re-save it with PyTorch 1.6 or later: torch.save(torch.load(OLD, map_location='cpu', weights_only=True), NEW)");
        }
    }

    private static PickleDict Unwrap(object? root, string path)
    {
        var dict = root as PickleDict ?? throw new TorchCheckpointException(path, "checkpoint is not a dict of tensors");
        for (int depth = 0; depth < 3; depth++)
        {
            if (dict.Items.Any(p => p.Value is TorchTensorRef)) return dict;
            var inner = Wrappers.Select(w => dict.Get(w)).OfType<PickleDict>().FirstOrDefault();
            if (inner is null) break;
            dict = inner;
        }
        if (dict.Items.Any(p => p.Value is TorchTensorRef)) return dict;
        var keys = string.Join(", ", dict.Items.Take(8).Select(p => p.Key.ToString()));
        throw new TorchCheckpointException(path, $"no state dict of tensors found (top-level keys: {keys})");
    }

    private static string StripModulePrefix(string name) => name.StartsWith("module.", StringComparison.Ordinal) ? name["module.".Length..] : name;

    private static int ElementSize(string storageType) => storageType == "FloatStorage" ? 4 : 2;

    private static byte[] ReadStorage(ZipArchive zip, string prefix, TorchStorageRef s, long fileLength, string path)
    {
        if (!RestrictedUnpickler.StorageTypes.Contains(s.StorageType))
            throw new TorchCheckpointException(path, $"storage type {s.StorageType} is not supported (float32, float16 and bfloat16 are)");
        var entry = zip.GetEntry(prefix + "data/" + s.Key)
            ?? throw new TorchCheckpointException(path, $"storage '{s.Key}' is missing from the archive");
        long bytes = s.ElementCount * ElementSize(s.StorageType);
        if (entry.Length != bytes)
            throw new TorchCheckpointException(path, $"storage '{s.Key}' is {entry.Length} bytes, its {s.ElementCount} {s.StorageType} elements need {bytes}");
        return ReadEntry(entry, int.MaxValue, fileLength, path);
    }

    private static Tensor Materialize(TorchTensorRef t, byte[] storage, bool bigEndian, string name, string path)
    {
        long count = 1, last = t.Offset;
        for (int i = 0; i < t.Size.Length; i++)
        {
            count *= t.Size[i];
            if (count > int.MaxValue) throw new TorchCheckpointException(path, $"tensor '{name}' is too large");
            if (t.Stride[i] < 0) throw new TorchCheckpointException(path, $"tensor '{name}' has a negative stride");
            if (t.Size[i] > 0) last += (t.Size[i] - 1) * t.Stride[i];
        }
        if (t.Offset < 0 || (count > 0 && last >= t.Storage.ElementCount))
            throw new TorchCheckpointException(path, $"tensor '{name}' reaches past the end of its storage ({t.Storage.ElementCount} elements)");
        var tensor = Tensor.Empty(t.Size).Persist();
        var dst = tensor.AsSpan();
        int rank = t.Size.Length, elem = ElementSize(t.Storage.StorageType);
        var index = new int[rank];
        for (int i = 0; i < dst.Length; i++)
        {
            long src = t.Offset;
            for (int d = 0; d < rank; d++) src += index[d] * t.Stride[d];
            dst[i] = ReadElement(storage.AsSpan((int)(src * elem), elem), t.Storage.StorageType, bigEndian);
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < t.Size[d]) break;
                index[d] = 0;
            }
        }
        return tensor;
    }

    private static float ReadElement(ReadOnlySpan<byte> b, string type, bool bigEndian) => type switch
    {
        "FloatStorage" => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
        "HalfStorage" => (float)(bigEndian ? BinaryPrimitives.ReadHalfBigEndian(b) : BinaryPrimitives.ReadHalfLittleEndian(b)),
        _ => BitConverter.Int32BitsToSingle((bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b)) << 16),
    };

    private static string? ReadText(ZipArchive zip, string name, long fileLength, string path)
    {
        var entry = zip.GetEntry(name);
        return entry is null ? null : Encoding.ASCII.GetString(ReadEntry(entry, 64, fileLength, path)).Trim();
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry, long limit, long fileLength, string path)
    {
        if (entry.Length > limit || entry.Length > Array.MaxLength)
            throw new TorchCheckpointException(path, $"archive entry '{entry.FullName}' is {entry.Length} bytes, over the {limit}-byte limit");
        // Deflate expands at most about 1032:1; torch.save stores entries uncompressed (1:1).
        if (entry.CompressedLength > fileLength || entry.Length > 1032 * Math.Max(entry.CompressedLength, 1))
            throw new TorchCheckpointException(path, $"archive entry '{entry.FullName}' claims {entry.Length} bytes from {entry.CompressedLength} compressed");
        var bytes = new byte[entry.Length];
        try
        {
            using var s = entry.Open();
            s.ReadExactly(bytes);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new TorchCheckpointException(path, $"archive entry '{entry.FullName}' is unreadable: {e.Message}", e);
        }
        return bytes;
    }
}
