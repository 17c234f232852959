namespace SuperRes.Tensors.Serialization;

/// <summary>What <see cref="SafeTensors.Load(string)"/> read: tensors (owned by this object until taken) and metadata.</summary>
public sealed class SafeTensorsFile(Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata) : IDisposable
{
    /// <summary>Tensors by name, in file order of their data.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => tensors;

    public IReadOnlyDictionary<string, string> Metadata => metadata;

    /// <summary>Frees the tensors (do not use them after).</summary>
    public void Dispose()
    {
        foreach (var t in tensors.Values) t.Dispose();
    }
}
