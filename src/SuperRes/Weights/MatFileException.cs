namespace SuperRes.Weights;

/// <summary>A MAT-file (or a network stored in one) is malformed, truncated or uses an unsupported feature.</summary>
public sealed class MatFileException : Exception
{
    public MatFileException(string fileName, string problem)
        : base($"{fileName}: {problem}")
    {
        FileName = fileName;
        Problem = problem;
    }

    public MatFileException(string fileName, string problem, Exception inner)
        : base($"{fileName}: {problem}", inner)
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file (or stream name) being read.</summary>
    public string FileName { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
