using System.Globalization;

namespace SuperRes.Onnx;

/// <summary>
/// The metadata properties SuperRes writes into an exported model and reads from any ONNX
/// super-resolution model: <c>architecture</c>, <c>scales</c> (one per output, comma-separated,
/// in output order), <c>colour</c> (<c>Y</c> or <c>RGB</c>), <c>value_range</c> (<c>0,1</c> or
/// <c>0,255</c>), <c>provenance</c>, <c>options</c> (the architecture's settings as JSON) and
/// <c>tiling</c> (<c>RADIUS,ALIGNMENT</c>: the receptive-field radius in input pixels and the shift
/// tiles must be multiples of, where the architecture declares them, so the tiler need not probe).
/// Every one is optional when reading: what is missing comes from the graph or a probe.
/// </summary>
public sealed record OnnxMetadata
{
    public const string ArchitectureKey = "architecture";
    public const string ScalesKey = "scales";
    public const string ColourKey = "colour";
    public const string ValueRangeKey = "value_range";
    public const string ProvenanceKey = "provenance";
    public const string OptionsKey = "options";
    public const string TilingKey = "tiling";

    public string? Architecture { get; init; }

    /// <summary>The upscaling factor of each output, in output order.</summary>
    public IReadOnlyList<int>? Scales { get; init; }

    /// <summary>"Y" (one luma plane) or "RGB".</summary>
    public string? Colour { get; init; }

    /// <summary>The range of input and output values: (0, 1) for ours.</summary>
    public (float Low, float High)? ValueRange { get; init; }

    public string? Provenance { get; init; }

    public string? Options { get; init; }

    /// <summary>The receptive-field radius (input pixels) and tile alignment, where known without a probe.</summary>
    public (int Radius, int Alignment)? Tiling { get; init; }

    public IReadOnlyDictionary<string, string> ToProperties()
    {
        var properties = new Dictionary<string, string>();
        if (Architecture is not null) properties[ArchitectureKey] = Architecture;
        if (Scales is not null) properties[ScalesKey] = string.Join(",", Scales.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        if (Colour is not null) properties[ColourKey] = Colour;
        if (ValueRange is { } r) properties[ValueRangeKey] = Format(r.Low) + "," + Format(r.High);
        if (Provenance is not null) properties[ProvenanceKey] = Provenance;
        if (Options is not null) properties[OptionsKey] = Options;
        if (Tiling is { } t) properties[TilingKey] = t.Radius.ToString(CultureInfo.InvariantCulture) + "," + t.Alignment.ToString(CultureInfo.InvariantCulture);
        return properties;
    }

    /// <summary>Reads the known keys; a malformed value throws <see cref="FormatException"/> naming the key.</summary>
    public static OnnxMetadata FromProperties(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        string? Get(string key) => properties.TryGetValue(key, out var v) ? v : null;
        var colour = Get(ColourKey);
        if (colour is not null && colour is not ("Y" or "RGB"))
            throw new FormatException($"metadata {ColourKey} is '{colour}', expected Y or RGB");
        return new OnnxMetadata
        {
            Architecture = Get(ArchitectureKey),
            Scales = Get(ScalesKey) is { } s ? ParseScales(s) : null,
            Colour = colour,
            ValueRange = Get(ValueRangeKey) is { } r ? ParseRange(r) : null,
            Provenance = Get(ProvenanceKey),
            Options = Get(OptionsKey),
            Tiling = Get(TilingKey) is { } t ? ParseTiling(t) : null,
        };
    }

    private static int[] ParseScales(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var scales = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out scales[i]) || scales[i] is < 1 or > 16)
                throw new FormatException($"metadata {ScalesKey} is '{text}', expected factors 1 to 16 separated by commas");
        return scales;
    }

    private static (int, int) ParseTiling(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var radius) && radius <= 65536
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var alignment) && alignment is >= 1 and <= 64)
            return (radius, alignment);
        throw new FormatException($"metadata {TilingKey} is '{text}', expected radius,alignment such as 350,1 (radius 0 to 65536, alignment 1 to 64)");
    }

    private static (float, float) ParseRange(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var low)
            && float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var high)
            && float.IsFinite(low) && float.IsFinite(high) && high > low)
            return (low, high);
        throw new FormatException($"metadata {ValueRangeKey} is '{text}', expected two numbers low,high such as 0,1 or 0,255");
    }

    private static string Format(float v) => v.ToString("R", CultureInfo.InvariantCulture);
}
