using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace SuperRes.Tensors.IO;

/// <summary>The temporary files of <see cref="DurableFile"/>: those being written, and those a killed process left.</summary>
public static partial class DurableFile
{
    private static readonly ConcurrentDictionary<string, byte> Live = new();
    private static readonly Lock SignalLock = new();
    private static PosixSignalRegistration[]? _registrations;

    /// <summary>
    /// From now on, SIGINT and SIGTERM delete the temporary files being written before the process
    /// ends (exit code 130 or 143, as a shell reports them). Meant for command-line programs; a host with
    /// its own graceful shutdown should not call it. Calling it again does nothing.
    /// </summary>
    public static void DeleteTemporariesOnSignal()
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

    /// <summary>
    /// Deletes <c>.NAME.GUID.tmp</c> files left beside <paramref name="path"/> by a killed process
    /// (not those this process is writing); returns how many.
    /// </summary>
    public static int RemoveStaleTemporaries(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder)) return 0;
        var name = Path.GetFileName(fullPath);
        int removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, $".{name}.*{TempSuffix}"))
        {
            var middle = Path.GetFileName(file)[(name.Length + 2)..^TempSuffix.Length];
            if (!GuidPattern().IsMatch(middle) || Live.ContainsKey(file)) continue;
            if (TryDelete(file)) removed++;
        }
        return removed;
    }

    private static void Stop(int exitCode)
    {
        Environment.ExitCode = exitCode;
        foreach (var temp in Live.Keys) TryDelete(temp);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex GuidPattern();
}
