using SuperRes.Tensors.IO;

namespace SuperRes.Cli;

/// <summary>
/// The CLI's outputs, written through <see cref="DurableFile"/>: a hidden temporary sibling
/// <c>.NAME.GUID.tmp</c> created only when the first 64 KiB are due (so a PNG header written before
/// the first band does not create it), flushed and renamed over the target. The temporary file is
/// deleted on failure and on SIGINT/SIGTERM; leftovers of a killed run (<c>kill -9</c>) are deleted
/// the next time the same output is written. I/O failures become exit code 4.
/// </summary>
public static class OutputFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; I/O failures become exit code 4.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        DurableFile.DeleteTemporariesOnSignal();
        try
        {
            DurableFile.RemoveStaleTemporaries(path);
            DurableFile.Write(path, write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.OutputError, $"{path}: cannot write ({e.Message})", e);
        }
    }

    /// <summary>Writes a text file (a report, a summary) as <see cref="Write"/> does.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, leaveOpen: true); w.Write(text); });

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
}
