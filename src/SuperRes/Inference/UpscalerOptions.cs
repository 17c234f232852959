namespace SuperRes.Inference;

/// <summary>Settings of an <see cref="Upscaler"/>.</summary>
public sealed record UpscalerOptions
{
    /// <summary>
    /// Side of a tile's core in low-resolution pixels (rounded up to the model's alignment);
    /// 0 chooses it from <see cref="MemoryBudgetBytes"/> and the memory a probe tile used.
    /// </summary>
    public int TileSize { get; init; }

    /// <summary>Context added around every tile, in LR pixels; null measures the model's receptive field by a probe.</summary>
    public int? Overlap { get; init; }

    /// <summary>
    /// Blend neighbouring tiles across their seams (raised-cosine weights, each tile given extra
    /// context for its share); null blends exactly when the overlap does not cover the network's
    /// receptive field, so networks whose field it covers keep the exact (bitwise untiled) result.
    /// </summary>
    public bool? Blend { get; init; }

    /// <summary>Average the outputs of the 8 flips and rotations of the input (x8 self-ensemble).</summary>
    public bool Ensemble { get; init; }

    /// <summary>Target for the tensors of one tile when <see cref="TileSize"/> is 0.</summary>
    public long MemoryBudgetBytes { get; init; } = 384L << 20;

    /// <summary>Called after every tile.</summary>
    public Action<UpscaleProgress>? Progress { get; init; }

    internal void Validate()
    {
        if (TileSize < 0) throw new ArgumentException($"Tile size must not be negative, got {TileSize}.");
        if (Overlap < 0) throw new ArgumentException($"Overlap must not be negative, got {Overlap}.");
        if (MemoryBudgetBytes < 1 << 20) throw new ArgumentException($"Memory budget must be at least 1 MiB, got {MemoryBudgetBytes}.");
    }
}
