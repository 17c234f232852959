using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace SuperRes.Cli;

/// <summary>
/// Writes an output atomically: bytes go to a hidden temporary sibling <c>.NAME.GUID.tmp</c> that is
/// created only when the first bytes are due on disk (the first 64 KiB are held in memory, so a PNG
/// header written before the first band does not create it), then renamed over the target.
/// The temporary file is deleted on failure and on SIGINT/SIGTERM; leftovers of a killed run
/// (<c>kill -9</c>) are deleted the next time the same output is written.
/// </summary>
public static partial class OutputFile
{
    private static readonly ConcurrentDictionary<string, byte> Live = new();
    private static readonly Lock SignalLock = new();
    private static PosixSignalRegistration[]? _registrations;

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; I/O failures become exit code 4.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        RegisterSignals();
        try
        {
            RemoveStaleTemporaries(full);
            using (var stream = new DeferredFileStream(temp, () => Live.TryAdd(temp, 0)))
            {
                write(stream);
                stream.Commit();
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.OutputError, $"{path}: cannot write ({e.Message})", e);
        }
        finally
        {
            Live.TryRemove(temp, out _);
            TryDelete(temp);
        }
    }

    /// <summary>Deletes <c>.NAME.GUID.tmp</c> files left beside <paramref name="fullPath"/> by a killed run; returns how many.</summary>
    public static int RemoveStaleTemporaries(string fullPath)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder)) return 0;
        var name = Path.GetFileName(fullPath);
        int removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, $".{name}.*.tmp"))
        {
            var middle = Path.GetFileName(file)[(name.Length + 2)..^4];
            if (!GuidPattern().IsMatch(middle) || Live.ContainsKey(file)) continue;
            if (TryDelete(file)) removed++;
        }
        return removed;
    }

    /// <summary>
    /// Checks before any work that <paramref name="folder"/> exists (or can be created when
    /// <paramref name="create"/>) and takes new files, so a wrong output place fails in a second, not after the upscale.
    /// </summary>
    public static void CheckFolderWritable(string folder, bool create)
    {
        var full = Path.GetFullPath(folder);
        if (File.Exists(full)) throw new CliException(ExitCodes.OutputError, $"{folder}: is a file, not a folder");
        if (!Directory.Exists(full))
        {
            if (!create) throw new CliException(ExitCodes.OutputError, $"{full}: output folder does not exist");
            try
            {
                Directory.CreateDirectory(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.OutputError, $"{folder}: cannot create the output folder ({e.Message})", e);
            }
        }
        var probe = Path.Combine(full, $".superres-probe.{Guid.NewGuid():N}.tmp");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.OutputError, $"{folder}: output folder is not writable ({e.Message})", e);
        }
    }

    private static void RegisterSignals()
    {
        lock (SignalLock)
        {
            if (_registrations is not null) return;
            // The handler does not cancel: the runtime goes on to end the process, with the shell's code for the signal.
            _registrations =
            [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Stop(130)),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Stop(143)),
            ];
        }
    }

    private static void Stop(int exitCode)
    {
        Environment.ExitCode = exitCode;
        DeleteLive();
    }

    private static void DeleteLive()
    {
        foreach (var temp in Live.Keys) TryDelete(temp);
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
            return false;
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex GuidPattern();
}
