namespace SuperRes.Imaging;

/// <summary>
/// How PNG image data is deflated: the run-length strategy (<see cref="RunLength"/>, the default:
/// matches of the byte before only, which is what filtered image rows mostly repeat; zlib's Z_RLE,
/// what OpenCV writes by default, done by our own encoder, 2.5-3 times as fast as zlib-ng's), or
/// zlib at a level from 0 (stored) to 9 (smallest, slowest). The figures against zlib's levels on
/// upscaled images: <c>dotnet run -c Release --project bench/SuperRes.Benchmarks -- --png-levels FILE.png</c>.
/// </summary>
public sealed record PngCompression
{
    private PngCompression(int level, bool runLength) => (Level, IsRunLength) = (level, runLength);

    /// <summary>The zlib level (1 for run-length, where the level changes nothing).</summary>
    public int Level { get; }

    /// <summary>Whether the run-length strategy is used.</summary>
    public bool IsRunLength { get; }

    /// <summary>The run-length strategy, by our own encoder.</summary>
    public static PngCompression RunLength { get; } = new(1, runLength: true);

    /// <summary>What a PNG is written with when nothing is asked: <see cref="RunLength"/>.</summary>
    public static PngCompression Default => RunLength;

    /// <summary>zlib's default strategy at <paramref name="level"/>, 0 to 9.</summary>
    public static PngCompression FromLevel(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 9);
        return new PngCompression(level, runLength: false);
    }

    /// <summary>"rle" or a level "0" to "9"; null for anything else.</summary>
    public static PngCompression? TryParse(string? text) =>
        text?.Trim().ToLowerInvariant() switch
        {
            "rle" => RunLength,
            [var digit] when digit is >= '0' and <= '9' => FromLevel(digit - '0'),
            _ => null,
        };

    public override string ToString() => IsRunLength ? "rle" : Level.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
