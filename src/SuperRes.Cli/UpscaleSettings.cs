using SuperRes.Imaging;

namespace SuperRes.Cli;

/// <summary>The checked options of one <c>superres upscale</c> run (shared by every file of a batch).</summary>
public sealed record UpscaleSettings
{
    public required ModelChoice Choice { get; init; }

    /// <summary><c>--scale</c> when given; null when the size comes from <see cref="OutScale"/>/<see cref="Width"/>/<see cref="Height"/> or the default 4.</summary>
    public int? Scale { get; init; }

    public double? OutScale { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public AlphaMode Alpha { get; init; }
    public int TileSize { get; init; }
    public bool Ensemble { get; init; }
    public int Quality { get; init; } = 90;
    public bool Subsample { get; init; } = true;

    /// <summary><c>--png-level</c>: how PNG outputs are deflated.</summary>
    public PngCompression Png { get; init; } = PngCompression.Default;
    public bool Overwrite { get; init; }
    public bool SkipExisting { get; init; }

    /// <summary>The output format of batch outputs (<c>--format</c>, default PNG); a single output file takes its extension's.</summary>
    public ImageFileFormat Format { get; init; } = ImageFileFormat.Png;

    /// <summary>
    /// <c>--max-memory</c>: the most memory one image may take where it cannot be streamed: its decoding
    /// (given: <see cref="ImageReadOptions.MaxBytes"/>; omitted: the library's 1 GiB default) and an output
    /// built whole (JPEG output, or a model path that resizes or runs alpha through the network).
    /// </summary>
    public long? MaxMemory { get; init; }

    /// <summary>The limit on an output built whole when <c>--max-memory</c> is not given.</summary>
    public const long DefaultMaxWholeOutputBytes = 4L << 30;

    public const int DefaultScale = 4;
}
