using SuperRes.Models.Fgdl;
using SuperRes.Losses;

namespace SuperRes.Training;

/// <summary>Which loss to train with.</summary>
public sealed record LossConfig
{
    /// <summary>
    /// "charbonnier", "mse", "l1", "mse-hfenn" (MSE + HfennWeight HFENN), "fgdl" (bins classified by
    /// heads), "fgdl-output" (bins classified from the output itself, no heads) or "fgdl-faithful"
    /// (LapSRN's residual conv becomes bin logits around the upsampled image, docs/FGDL.md).
    /// </summary>
    public string Kind { get; init; } = "charbonnier";

    /// <summary>alpha of the composite loss.</summary>
    public float HfennWeight { get; init; } = 0.1f;

    public Reduction Reduction { get; init; } = Reduction.Mean;

    /// <summary>Settings when <see cref="Kind"/> is "fgdl", "fgdl-output" or "fgdl-faithful" (whose variant is always faithful).</summary>
    public FgdlOptions Fgdl { get; init; } = new();

    /// <summary>Checks the fields every kind reads; the kind itself is checked by building the loss.</summary>
    public void Validate()
    {
        TrainingConfig.Require(!string.IsNullOrWhiteSpace(Kind), "loss.kind is missing: use charbonnier, mse, l1, mse-hfenn, fgdl, fgdl-output or fgdl-faithful.");
        TrainingConfig.Require(float.IsFinite(HfennWeight) && HfennWeight >= 0, $"loss.hfennWeight {HfennWeight} must not be negative.");
        TrainingConfig.Require(Enum.IsDefined(Reduction), $"loss.reduction {Reduction} is not a reduction.");
        TrainingConfig.Require(Fgdl is not null, "loss.fgdl must be an object (or left out).");
        try
        {
            (IsFgdlFaithful ? FaithfulOptions : Fgdl!).Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("loss.fgdl: " + e.Message, e);
        }
    }

    public bool IsFgdl => string.Equals(Kind, "fgdl", StringComparison.OrdinalIgnoreCase);

    public bool IsFgdlFaithful => string.Equals(Kind, "fgdl-faithful", StringComparison.OrdinalIgnoreCase);

    /// <summary>The FGDL options of the faithful reading: <see cref="Fgdl"/> with the faithful variant.</summary>
    public FgdlOptions FaithfulOptions => Fgdl with { Variant = FgdlVariant.Faithful };

    public bool IsFgdlOutput => string.Equals(Kind, "fgdl-output", StringComparison.OrdinalIgnoreCase);

    /// <summary>The content loss for the non-FGDL kinds.</summary>
    public ISrLoss CreateContentLoss() => Kind.ToLowerInvariant() switch
    {
        "charbonnier" => new PixelLoss(PixelLossKind.Charbonnier, Reduction),
        "mse" => new PixelLoss(PixelLossKind.Mse, Reduction),
        "l1" => new PixelLoss(PixelLossKind.L1, Reduction),
        "mse-hfenn" => new SumLoss(new PixelLoss(PixelLossKind.Mse, Reduction), new HfennLoss(HfennWeight)),
        "fgdl-output" => new FgdlOutputLoss(Fgdl),
        "fgdl" or "fgdl-faithful" => throw new InvalidOperationException("FGDL is not a content loss; the trainer builds it with its network."),
        _ => throw new ArgumentException($"Unknown loss '{Kind}': use charbonnier, mse, l1, mse-hfenn, fgdl, fgdl-output or fgdl-faithful."),
    };
}
