using System.Runtime.InteropServices;

namespace SuperRes.Tensors.IO;

/// <summary>
/// The one way SuperRes writes a file: into a hidden temporary sibling (<c>.NAME.GUID.tmp</c>),
/// flushed to disk, renamed over the target, then the folder flushed so the rename itself survives
/// a power cut. Readers see the old file or the new one, never half of one; a failure removes the
/// temporary file and leaves the target as it was.
/// </summary>
public static partial class DurableFile
{
    /// <summary>The temporary sibling's name pattern, for callers that clean up after a killed process.</summary>
    public const string TempSuffix = ".tmp";

    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        FlushFolder(folder);
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, leaveOpen: true); w.Write(text); });

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    /// <summary>Makes a rename or creation inside <paramref name="folder"/> durable (fsync of the folder; a no-op where the OS has none).</summary>
    public static void FlushFolder(string folder)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())) return;
        try
        {
            // .NET cannot open a folder as a stream; the C library is part of every Unix, not a shipped native library.
            int fd = Open(folder, 0 /* O_RDONLY */);
            if (fd < 0) return;
            try
            {
                Fsync(fd);
            }
            finally
            {
                Close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No C library to call: the file itself was flushed; the rename is as durable as the OS makes it.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original error matters more than a leftover temporary file.
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
