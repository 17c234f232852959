namespace SuperRes.Models.Fgdl;

/// <summary>The FGDL variants the ablation compares (docs/FGDL.md).</summary>
public enum FgdlVariant
{
    /// <summary>The anchor radius r comes from the Class-Module (smallest r holding tau of the probability).</summary>
    ClassModule,

    /// <summary>A fixed radius <see cref="FgdlOptions.FixedRadius"/> (0, 1, 2 in the ablation).</summary>
    FixedRadius,

    /// <summary>The classification head is only an auxiliary loss beside the network's plain regression output.</summary>
    Auxiliary,

    /// <summary>
    /// The faithful reading (<see cref="FgdlFaithfulNetwork"/>): LapSRN's residual conv becomes a
    /// K-bin logit conv around the upsampled image, the radius a learned Class-Module (or the tau
    /// rule), the output a soft-argmax inside the area that feeds the next level.
    /// </summary>
    Faithful,
}
