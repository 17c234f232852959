using System.Diagnostics;

namespace SuperRes.Server;

/// <summary>
/// The server's own temporary folder, <c>superres-serve-PID-RANDOM</c> under the system's (or a given)
/// temporary folder: results are written only here, and the folder is deleted on shutdown. Folders
/// left by a server that was killed (its process id no longer runs) are removed at start.
/// </summary>
internal sealed class TempFolder : IDisposable
{
    private const string Prefix = "superres-serve-";

    public TempFolder(string? root)
    {
        root = System.IO.Path.GetFullPath(root ?? System.IO.Path.GetTempPath());
        RemoveLeftovers(root);
        Path = System.IO.Path.Combine(root, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path for a file inside the folder (the name must be a plain file name).</summary>
    public string FileFor(string name)
    {
        if (name != System.IO.Path.GetFileName(name)) throw new ArgumentException($"Not a plain file name: {name}", nameof(name));
        return System.IO.Path.Combine(Path, name);
    }

    public static void DeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Still open on Windows; the folder goes on shutdown.
        }
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open (Windows); nothing more can be done here.
        }
    }

    private static void RemoveLeftovers(string root)
    {
        if (!Directory.Exists(root)) return;
        foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*"))
        {
            var name = System.IO.Path.GetFileName(folder)[Prefix.Length..];
            int dash = name.IndexOf('-');
            if (dash <= 0 || !int.TryParse(name[..dash], out int pid) || IsRunning(pid)) continue;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's; leave it.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
