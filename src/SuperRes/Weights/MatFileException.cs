namespace SuperRes.Weights;

/// <summary>A MAT-file (or a network stored in one) is malformed, truncated or uses an unsupported feature.</summary>
public sealed class MatFileException : Exception
{
    public MatFileException(string fileName, string problem)
        : base(OneLine($"{fileName}: {problem}"))
    {
        FileName = fileName;
        Problem = problem;
    }

    public MatFileException(string fileName, string problem, Exception inner)
        : base(OneLine($"{fileName}: {problem}"), inner)
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file (or stream name) being read.</summary>
    public string FileName { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }

    /// <summary>Control characters (a name read from the file may hold any) shown as '?', so the message stays one line.</summary>
    private static string OneLine(string text) => string.Create(text.Length, text, (span, s) =>
    {
        for (int i = 0; i < s.Length; i++) span[i] = char.IsControl(s[i]) ? '?' : s[i];
    });
}
