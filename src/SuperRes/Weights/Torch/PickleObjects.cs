namespace SuperRes.Weights.Torch;

/// <summary>A global the unpickler allowed (<c>module.name</c>); it is only ever a tag, never code.</summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public string FullName => Module + "." + Name;
}

/// <summary>A pickled tuple (kept apart from lists, which are mutable in pickle).</summary>
internal sealed record PickleTuple(object?[] Items);

/// <summary>A dict or OrderedDict, in insertion order.</summary>
internal sealed class PickleDict
{
    public List<KeyValuePair<object, object?>> Items { get; } = [];

    public void Set(object key, object? value)
    {
        int i = Items.FindIndex(p => Equals(p.Key, key));
        if (i >= 0) Items[i] = KeyValuePair.Create(key, value);
        else Items.Add(KeyValuePair.Create(key, value));
    }

    public object? Get(string key) => Items.FirstOrDefault(p => p.Key is string s && s == key).Value;
}

/// <summary>A storage named by a persistent id: its element type, archive key and element count.</summary>
internal sealed record TorchStorageRef(string StorageType, string Key, long ElementCount);

/// <summary>A tensor view of a storage: offset, sizes and strides in elements.</summary>
internal sealed record TorchTensorRef(TorchStorageRef Storage, long Offset, int[] Size, long[] Stride);
