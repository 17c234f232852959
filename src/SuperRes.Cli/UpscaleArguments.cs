using System.Globalization;
using SuperRes.Imaging;

namespace SuperRes.Cli;

/// <summary>
/// Parses the numeric and named values of <c>upscale</c> itself (they are read as text), so a bad
/// value is one usage line (<c>--scale abc: ...</c>, exit 1), never a parser exception.
/// </summary>
public static class UpscaleArguments
{
    public static int? Integer(string? text, string option, int min, int max)
    {
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw new CliException(ExitCodes.Usage, option == "--scale" && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? $"--scale '{text}': expected a whole number from {min} to {max} (for any other factor use --outscale)"
                : $"{option} '{text}': expected a whole number from {min} to {max}");
        return value;
    }

    public static double? Factor(string? text, string option)
    {
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value <= 1 || value > 64)
            throw new CliException(ExitCodes.Usage, $"{option} '{text}': expected a factor above 1, up to 64, e.g. 1.5 or 3");
        return value;
    }

    /// <summary>A size in bytes: a whole number, optionally followed by K, M or G (binary units), e.g. 512M or 8G.</summary>
    public static long? Bytes(string? text, string option)
    {
        if (text is null) return null;
        var trimmed = text.Trim();
        int shift = trimmed.Length > 0 ? char.ToUpperInvariant(trimmed[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, _ => 0 } : 0;
        var digits = shift > 0 ? trimmed[..^1] : trimmed;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < 1 || value > (1L << 50) >> shift)
            throw new CliException(ExitCodes.Usage, $"{option} '{text}': expected a size in bytes, e.g. 512M or 8G");
        return value << shift;
    }

    public static AlphaMode Alpha(string? text) => text?.ToLowerInvariant() switch
    {
        null or "bicubic" => AlphaMode.Bicubic,
        "model" => AlphaMode.Model,
        _ => throw new CliException(ExitCodes.Usage, $"--alpha '{text}': expected model or bicubic"),
    };

    public static bool Subsample(string? text) => text switch
    {
        null or "420" or "4:2:0" => true,
        "444" or "4:4:4" => false,
        _ => throw new CliException(ExitCodes.Usage, $"--chroma '{text}': expected 4:2:0 or 4:4:4"),
    };

    /// <summary><c>--png-level</c>: rle (the default) or a zlib level 0-9.</summary>
    public static PngCompression PngLevel(string? text) =>
        text is null ? PngCompression.Default
        : PngCompression.TryParse(text) ?? throw new CliException(ExitCodes.Usage, $"--png-level '{text}': expected rle or a zlib level 0-9");

    /// <summary>The extension (with dot) and format of <c>--format</c>; null text means PNG.</summary>
    public static (string Extension, ImageFileFormat Format) OutputFormat(string? text)
    {
        var extension = "." + (text ?? "png").TrimStart('.').ToLowerInvariant();
        if (extension == ".jpeg") extension = ".jpg";
        var format = ImageCodecs.FormatFromExtension("x" + extension);
        if (format == ImageFileFormat.Unknown)
            throw new CliException(ExitCodes.Usage, $"--format '{text}': expected png, jpg, bmp, ppm or pgm");
        return (extension, format);
    }
}
