namespace SuperRes.Imaging;

/// <summary>
/// A file or stream is not a valid image of a supported kind. The message names the file (when known)
/// and the problem, e.g. <c>baby.png: bad CRC in IDAT chunk</c>.
/// </summary>
public sealed class ImageFormatException : Exception
{
    /// <summary>A problem whose file is not known yet (decoders throw this; the facade adds the name).</summary>
    public ImageFormatException(string problem)
        : this(null, problem, null)
    {
    }

    public ImageFormatException(string? fileName, string problem, Exception? innerException = null)
        : base(OneLine(fileName is null ? problem : $"{fileName}: {problem}"), innerException)
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file name, or null when decoding a nameless stream.</summary>
    public string? FileName { get; }

    /// <summary>The problem without the file name.</summary>
    public string Problem { get; }

    /// <summary>Control characters (a file name may hold any) shown as '?', so the message stays one line.</summary>
    private static string OneLine(string text) => string.Create(text.Length, text, (span, s) =>
    {
        for (int i = 0; i < s.Length; i++) span[i] = char.IsControl(s[i]) ? '?' : s[i];
    });
}
