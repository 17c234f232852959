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

    [Fact]
    public void Write_TemporaryFileCreatedOnlyWhenDataIsDue()
    {
        var path = Path.Combine(_root, "late.bin");
        string[] Temporaries() => Directory.GetFiles(_root, ".late.bin.*.tmp");
        DurableFile.Write(path, s =>
        {
            s.Write(new byte[100]);
            Assert.Empty(Temporaries()); // a header written before minutes of computing creates nothing
            s.Write(new byte[DurableFile.DeferredBytes]);
            Assert.Single(Temporaries());
        });
        Assert.Equal(100 + DurableFile.DeferredBytes, new FileInfo(path).Length);
        Assert.Empty(Temporaries());

        DurableFile.WriteAllBytes(path, [1, 2, 3]); // small: created and renamed at the end
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void RemoveStaleTemporaries_DeletesGuidNamedLeftoversOnly()
    {
        var path = Path.Combine(_root, "b.png");
        var stale = Path.Combine(_root, $".b.png.{Guid.NewGuid():N}.tmp");
        var unrelated = Path.Combine(_root, ".b.png.notaguid.tmp");
        var other = Path.Combine(_root, $".c.png.{Guid.NewGuid():N}.tmp");
        foreach (var f in new[] { stale, unrelated, other }) File.WriteAllText(f, "x");

        Assert.Equal(1, DurableFile.RemoveStaleTemporaries(path));

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(unrelated));
        Assert.True(File.Exists(other));
    }

    [Fact]
    public void RemoveStaleTemporaries_SparesTheFileBeingWritten()
    {
        var path = Path.Combine(_root, "live.bin");
        DurableFile.Write(path, s =>
        {
            s.Write(new byte[DurableFile.DeferredBytes + 1]);
            Assert.Equal(0, DurableFile.RemoveStaleTemporaries(path));
            s.Write(new byte[1]);
        });
        Assert.Equal(DurableFile.DeferredBytes + 2, new FileInfo(path).Length);
    }
}
