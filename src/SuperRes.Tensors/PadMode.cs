namespace SuperRes.Tensors;

/// <summary>How <see cref="Ops.Pad"/> fills the border (PyTorch F.pad modes).</summary>
public enum PadMode
{
    Zero,
    /// <summary>Mirror without repeating the edge: [a b c] → b [a b c] b.</summary>
    Reflect,
    /// <summary>Repeat the edge: [a b c] → a [a b c] c.</summary>
    Replicate,
}
