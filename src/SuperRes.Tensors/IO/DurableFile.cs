using System.Runtime.InteropServices;

namespace SuperRes.Tensors.IO;

/// <summary>
/// The one way SuperRes writes a file: into a hidden temporary sibling (<c>.NAME.GUID.tmp</c>),
/// flushed to disk, renamed over the target, then the folder flushed so the rename itself survives
/// a power cut. Readers see the old file or the new one, never half of one; a failure removes the
/// temporary file and leaves the target as it was. The temporary file is created only when the
/// first 64 KiB are due (or at the end), so none exists while the caller is still computing; a
/// process may ask for live temporary files to be removed on SIGINT/SIGTERM
/// (<see cref="DeleteTemporariesOnSignal"/>), and <see cref="RemoveStaleTemporaries"/> clears what a
/// killed process (<c>kill -9</c>) left.
/// </summary>
public static partial class DurableFile
{
    /// <summary>The temporary sibling's name pattern, for callers that clean up after a killed process.</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>Bytes held in memory before the temporary file is created.</summary>
    public const int DeferredBytes = DeferredFileStream.Threshold;

    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            using (var stream = new DeferredFileStream(temp, () => Live.TryAdd(temp, 0)))
            {
                write(stream);
                stream.Commit(); // creates the file if it is still in memory, and flushes it to disk
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally
        {
            Live.TryRemove(temp, out _);
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

    /// <summary>
    /// Makes a rename or creation inside <paramref name="folder"/> durable: fsync of the folder through
    /// the C library's <c>open</c>/<c>fsync</c>/<c>close</c>, on Linux, macOS and FreeBSD only (.NET
    /// cannot open a folder as a stream). Elsewhere, or where the C library cannot be called
    /// (<see cref="DllNotFoundException"/>, <see cref="EntryPointNotFoundException"/>), it does nothing:
    /// the file itself was flushed, and the library runs wherever .NET runs.
    /// </summary>
    public static void FlushFolder(string folder)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())) return;
        try
        {
            // The C library is part of every Unix, not a native library SuperRes ships.
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
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or MarshalDirectiveException)
        {
            // No C library to call: the file itself was flushed; the rename is as durable as the OS makes it.
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path)) return false;
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // Best effort: the original error matters more than a leftover temporary file.
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
