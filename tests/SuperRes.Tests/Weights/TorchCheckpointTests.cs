using System.IO.Compression;
using System.Text;
using SuperRes.Weights.Torch;

namespace SuperRes.Tests.Weights;

/// <summary>The checkpoint reader on hand-made archives: unsafe globals, bad sizes, wrappers.</summary>
public class TorchCheckpointTests
{
    // A state dict {'w': tensor} over storage '0' (FloatStorage, numel elements), protocol 2, as torch.save writes it.
    private static byte[] StateDictPickle(string storageType, int numel, int offset, int[] size, int[] stride, string? wrapper = null)
    {
        var p = new List<byte> { 0x80, 2 };
        if (wrapper is not null) { p.Add((byte)'}'); Str(p, wrapper); }
        p.Add((byte)'}');
        Str(p, "w");
        Glob(p, "torch._utils", "_rebuild_tensor_v2");
        p.Add((byte)'(');
        p.Add((byte)'(');
        Str(p, "storage"); Glob(p, "torch", storageType); Str(p, "0"); Str(p, "cpu"); Int(p, numel);
        p.Add((byte)'t');
        p.Add((byte)'Q');
        Int(p, offset);
        p.Add((byte)'('); foreach (int s in size) Int(p, s); p.Add((byte)'t');
        p.Add((byte)'('); foreach (int s in stride) Int(p, s); p.Add((byte)'t');
        p.Add(0x89);
        Glob(p, "collections", "OrderedDict"); p.Add((byte)')'); p.Add((byte)'R');
        p.Add((byte)'t');
        p.Add((byte)'R');
        p.Add((byte)'s');
        if (wrapper is not null) p.Add((byte)'s');
        p.Add((byte)'.');
        return [.. p];
    }

    private static void Str(List<byte> p, string s) { p.Add(0x8c); p.Add((byte)s.Length); p.AddRange(Encoding.UTF8.GetBytes(s)); }

    private static void Int(List<byte> p, int v) { p.Add((byte)'J'); p.AddRange(BitConverter.GetBytes(v)); }

    private static void Glob(List<byte> p, string module, string name) => p.AddRange(Encoding.ASCII.GetBytes($"c{module}\n{name}\n"));

    private static string Archive(byte[] pickle, byte[]? storage = null)
    {
        string path = Path.Combine(Path.GetTempPath(), $"superres-torch-{Guid.NewGuid():N}.pth");
        using var fs = File.Create(path);
        using var zip = new ZipArchive(fs, ZipArchiveMode.Create);
        void Add(string name, byte[] data)
        {
            using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
            s.Write(data);
        }
        Add("archive/data.pkl", pickle);
        Add("archive/byteorder", "little"u8.ToArray());
        if (storage is not null) Add("archive/data/0", storage);
        Add("archive/.format_version", "1"u8.ToArray());
        return path;
    }

    private static byte[] Floats(params float[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    [Fact]
    public void Load_OsSystemGlobal_RefusedByName()
    {
        // The classic exploit: cos\nsystem\n(S'echo pwned'\ntR.
        var pickle = "\u0080\u0002cos\nsystem\n(X\u000a\0\0\0echo pwnedtR."u8.ToArray();
        string path = Archive(Encoding.Latin1.GetBytes(Encoding.UTF8.GetString(pickle)));
        try
        {
            var e = Assert.Throws<TorchCheckpointException>(() => TorchCheckpoint.Load(path));
            Assert.Contains("os.system", e.Message);
            Assert.Contains(Path.GetFileName(path), e.Message);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("builtins", "eval")]
    [InlineData("torch.storage", "_load_from_bytes")]
    [InlineData("torch", "load")]
    public void Load_OtherGlobal_RefusedByName(string module, string name)
    {
        var p = new List<byte> { 0x80, 2 };
        Glob(p, module, name);
        p.Add((byte)'.');
        string path = Archive([.. p]);
        try
        {
            var e = Assert.Throws<TorchCheckpointException>(() => TorchCheckpoint.Load(path));
            Assert.Contains($"'{module}.{name}'", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_StridedViewWithOffset_ReadsTheView()
    {
        // storage 0..7; a 2x3 view at offset 1 with strides (1, 2): [[1,3,5],[2,4,6]].
        string path = Archive(StateDictPickle("FloatStorage", 8, 1, [2, 3], [1, 2], wrapper: "params_ema"), Floats(0, 1, 2, 3, 4, 5, 6, 7));
        try
        {
            var d = TorchCheckpoint.Load(path);
            Assert.Equal([2, 3], d["w"].Shape.ToArray());
            Assert.Equal([1f, 3, 5, 2, 4, 6], d["w"].ToArray());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_ViewPastStorage_RefusedBeforeReading()
    {
        string path = Archive(StateDictPickle("FloatStorage", 4, 2, [2, 3], [3, 1]), Floats(0, 1, 2, 3));
        try
        {
            var e = Assert.Throws<TorchCheckpointException>(() => TorchCheckpoint.Load(path));
            Assert.Contains("past the end", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_StorageSizeDisagrees_Refused()
    {
        string path = Archive(StateDictPickle("FloatStorage", 1_000_000_000, 0, [2], [1]), Floats(0, 1));
        try
        {
            var e = Assert.Throws<TorchCheckpointException>(() => TorchCheckpoint.Load(path));
            Assert.Contains("storage '0'", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_UnsupportedStorageType_Refused()
    {
        var p = new List<byte> { 0x80, 2 };
        Glob(p, "torch", "LongStorage");
        p.Add((byte)'.');
        string path = Archive([.. p]);
        try { Assert.Contains("torch.LongStorage", Assert.Throws<TorchCheckpointException>(() => TorchCheckpoint.Load(path)).Message); }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_NotAZip_Refused()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, "hello");
        try { Assert.Contains("not a PyTorch checkpoint", Assert.Throws<TorchCheckpointException>(() => TorchCheckpoint.Load(path)).Message); }
        finally { File.Delete(path); }
    }
}
