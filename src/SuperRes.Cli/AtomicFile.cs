using SuperRes.Tensors.IO;

namespace SuperRes.Cli;

/// <summary>Writes a file durably through a temporary sibling and a rename (<see cref="DurableFile"/>), so nobody sees half a file.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        try
        {
            DurableFile.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.OutputError, $"{path}: cannot write ({e.Message})", e);
        }
    }
}
