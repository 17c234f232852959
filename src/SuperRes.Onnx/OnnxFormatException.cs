namespace SuperRes.Onnx;

/// <summary>An ONNX file that cannot be read or is not a model SuperRes can run; the message names the file and the problem.</summary>
public sealed class OnnxFormatException : Exception
{
    public OnnxFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    public string Path { get; }
}
