using SuperRes.Tensors.IO;

namespace SuperRes.Tensors.Tests.IO;

public sealed class DurableFileTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "superres-durable-" + Guid.NewGuid().ToString("N")[..8]);

    public DurableFileTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Write_ReplacesTheTargetAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_root, "a.bin");
        File.WriteAllText(path, "old");

        DurableFile.WriteAllText(path, "new contents");

        Assert.Equal("new contents", File.ReadAllText(path));
        Assert.Equal(["a.bin"], Directory.GetFiles(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_FailingHalfWay_KeepsTheOldTargetAndRemovesTheTemporaryFile()
    {
        var path = Path.Combine(_root, "a.bin");
        File.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => DurableFile.Write(path, s =>
        {
            s.Write(new byte[1000]);
            throw new InvalidOperationException("disk on fire");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["a.bin"], Directory.GetFiles(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_IntoMissingFolder_ThrowsAndCreatesNothing()
    {
        var path = Path.Combine(_root, "missing", "a.bin");

        Assert.Throws<DirectoryNotFoundException>(() => DurableFile.WriteAllBytes(path, [1, 2, 3]));

        Assert.False(Directory.Exists(Path.Combine(_root, "missing")));
    }

    [Fact]
    public void FlushFolder_OnAFolder_DoesNotThrow()
    {
        DurableFile.FlushFolder(_root);
        DurableFile.FlushFolder(Path.Combine(_root, "no-such-folder"));
    }
}
