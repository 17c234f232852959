namespace SuperRes.Tensors.Serialization;

/// <summary>A safetensors file that cannot be read or does not match what was expected.</summary>
public sealed class SafeTensorsException(string path, string problem)
    : IOException($"{path}: {problem}")
{
    public string FilePath { get; } = path;
}
