using System.Text.Json;
using System.Text.Json.Serialization;

namespace SuperRes.Models.Fgdl;

/// <summary>Settings of the Fine-Grained Dynamic Loss (docs/FGDL.md).</summary>
public sealed record FgdlOptions
{
    /// <summary>K: equal bins over the normalised intensity range [0, 1].</summary>
    public int Bins { get; init; } = 16;

    public FgdlVariant Variant { get; init; } = FgdlVariant.ClassModule;

    /// <summary>r for <see cref="FgdlVariant.FixedRadius"/>.</summary>
    public int FixedRadius { get; init; } = 1;

    /// <summary>Class-Module: probability the anchor area must hold.</summary>
    public double Tau { get; init; } = 0.9;

    /// <summary>Class-Module: the largest radius.</summary>
    public int MaxRadius { get; init; } = 3;

    /// <summary>lambda_cls: weight of the cross-entropy.</summary>
    public float ClassificationWeight { get; init; } = 1f;

    /// <summary>Widen the area during training to contain the ground-truth bin (r = max(r, |b - b*|)).</summary>
    public bool WidenToTruth { get; init; } = true;

    /// <summary>Charbonnier epsilon of the regression loss.</summary>
    public float Epsilon { get; init; } = 1e-3f;

    /// <summary>Kernel size of the head convolutions.</summary>
    public int HeadKernel { get; init; } = 3;

    /// <summary>
    /// Anchored readout: sr = lo + (hi - lo) sigmoid(t + logit((v - lo)/(hi - lo))), v the network's
    /// own output clamped into the area, so t = 0 reads v and the head learns a correction, instead of
    /// the sawtooth lo + (hi - lo) sigmoid(t) whose identity the head must learn.
    /// </summary>
    public bool AnchoredReadout { get; init; }

    /// <summary>Weight of a Charbonnier term on the network's own output v (LapSRN's image path, which feeds the next level).</summary>
    public float OutputWeight { get; init; }

    /// <summary>Heads-free reading (SuperRes.Losses.FgdlOutputLoss): σ of the output's bin logits, in bin widths.</summary>
    public float OutputSoftness { get; init; } = 0.5f;

    /// <summary>Faithful reading: the radius comes from the learned Class-Module (true) or from the tau rule (false, the ablation).</summary>
    public bool LearnedRadius { get; init; } = true;

    /// <summary>Faithful reading: lambda_cm, weight of the Class-Module's cross-entropy against r* = min(|b - b*|, R).</summary>
    public float ClassModuleWeight { get; init; } = 0.01f;

    public void Validate()
    {
        if (!Enum.IsDefined(Variant)) throw new ArgumentException($"Variant {Variant} is not an FGDL variant.");
        if (Variant == FgdlVariant.Faithful && MaxRadius < 1) throw new ArgumentException($"MaxRadius {MaxRadius} must be at least 1 for the faithful reading (r = max(1, ...)).");
        if (!(ClassificationWeight >= 0 && float.IsFinite(ClassificationWeight))) throw new ArgumentException($"ClassificationWeight {ClassificationWeight} must be a finite non-negative number.");
        if (!(ClassModuleWeight >= 0 && float.IsFinite(ClassModuleWeight))) throw new ArgumentException($"ClassModuleWeight {ClassModuleWeight} must be a finite non-negative number.");
        if (Bins < 2) throw new ArgumentException($"FGDL needs at least 2 bins, got {Bins}.");
        if (FixedRadius < 0) throw new ArgumentException($"FixedRadius {FixedRadius} must not be negative.");
        if (MaxRadius < 0) throw new ArgumentException($"MaxRadius {MaxRadius} must not be negative.");
        if (!(Tau > 0 && Tau <= 1)) throw new ArgumentException($"Tau {Tau} must lie in (0, 1].");
        if (HeadKernel < 1 || HeadKernel % 2 == 0) throw new ArgumentException($"HeadKernel {HeadKernel} must be odd.");
        if (!(OutputWeight >= 0 && float.IsFinite(OutputWeight))) throw new ArgumentException($"OutputWeight {OutputWeight} must be a finite non-negative number.");
        if (!(OutputSoftness > 0 && float.IsFinite(OutputSoftness))) throw new ArgumentException($"OutputSoftness {OutputSoftness} must be positive.");
    }

    /// <summary>Short name for logs and file names, e.g. "fgdl-cm-k16".</summary>
    public string Tag => (Variant switch
    {
        FgdlVariant.ClassModule => $"fgdl-cm-k{Bins}",
        FgdlVariant.FixedRadius => $"fgdl-r{FixedRadius}-k{Bins}",
        FgdlVariant.Faithful => $"fgdl-faithful-{(LearnedRadius ? "cm" : "tau")}-k{Bins}",
        _ => $"fgdl-aux-k{Bins}",
    }) + (AnchoredReadout ? "-anchored" : "");

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The options as JSON (the <c>fgdl</c> entry of a model file's metadata).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Options from <see cref="ToJson"/>'s form, validated.</summary>
    /// <exception cref="ArgumentException">The text is not valid FGDL options.</exception>
    public static FgdlOptions FromJson(string json)
    {
        FgdlOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<FgdlOptions>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"FGDL options are not valid JSON: {ex.Message}");
        }
        if (options is null) throw new ArgumentException("FGDL options are empty.");
        options.Validate();
        return options;
    }
}
