namespace SuperRes.Tensors.Serialization;

/// <summary>A safetensors file that cannot be read or does not match what was expected.</summary>
public sealed class SafeTensorsException(string path, string problem)
    : IOException(OneLine($"{path}: {problem}"))
{
    /// <summary>Control characters (a tensor name read from the file may hold any) shown as '?', so the message stays one line.</summary>
    private static string OneLine(string text) => string.Create(text.Length, text, (span, s) =>
    {
        for (int i = 0; i < s.Length; i++) span[i] = char.IsControl(s[i]) ? '?' : s[i];
    });

    public string FilePath { get; } = path;
}
