namespace SuperRes.Weights.Torch;

/// <summary>A PyTorch checkpoint is malformed, truncated, unsafe (a refused pickle global) or uses an unsupported feature.</summary>
public sealed class TorchCheckpointException : Exception
{
    public TorchCheckpointException(string fileName, string problem)
        : base($"{fileName}: {problem}")
    {
        FileName = fileName;
        Problem = problem;
    }

    public TorchCheckpointException(string fileName, string problem, Exception inner)
        : base($"{fileName}: {problem}", inner)
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file being read.</summary>
    public string FileName { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
