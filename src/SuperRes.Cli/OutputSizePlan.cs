using SuperRes.Inference;

namespace SuperRes.Cli;

/// <summary>
/// How an input of a given size reaches the asked output size: the network scale (the smallest the
/// model serves at or above the asked factor, else its largest) and the exact output size; when they
/// disagree, MATLAB bicubic resizes the network's output to the exact size.
/// </summary>
public sealed record OutputSizePlan(int ModelScale, int Width, int Height)
{
    /// <summary>True when the network's output must be resized to reach <see cref="Width"/> x <see cref="Height"/>.</summary>
    public bool NeedsResize(int inWidth, int inHeight) => (long)inWidth * ModelScale != Width || (long)inHeight * ModelScale != Height;

    public static OutputSizePlan Create(UpscaleSettings settings, int inWidth, int inHeight, string inputName)
    {
        double factorX, factorY;
        long width, height;
        if (settings.OutScale is { } s)
        {
            (width, height) = ((long)Math.Round(inWidth * s, MidpointRounding.AwayFromZero), (long)Math.Round(inHeight * s, MidpointRounding.AwayFromZero));
        }
        else if (settings.Width is not null || settings.Height is not null)
        {
            width = settings.Width ?? (long)Math.Round((double)inWidth * settings.Height!.Value / inHeight, MidpointRounding.AwayFromZero);
            height = settings.Height ?? (long)Math.Round((double)inHeight * settings.Width!.Value / inWidth, MidpointRounding.AwayFromZero);
        }
        else
        {
            int scale = settings.Scale ?? UpscaleSettings.DefaultScale;
            (width, height) = ((long)inWidth * scale, (long)inHeight * scale);
        }
        width = Math.Max(width, 1);
        height = Math.Max(height, 1);
        if (width > int.MaxValue / 8 || height > int.MaxValue / 8)
            throw new CliException(ExitCodes.BadInput, $"{inputName}: a {inWidth}x{inHeight} image would become {width}x{height}, too large");
        factorX = (double)width / inWidth;
        factorY = (double)height / inHeight;
        return new OutputSizePlan(ChooseScale(settings, Math.Max(factorX, factorY)), (int)width, (int)height);
    }

    private static int ChooseScale(UpscaleSettings settings, double factor)
    {
        var network = settings.Choice.Network;
        if (settings.Scale is { } explicitScale) return explicitScale;
        if (network is null) return Math.Max(1, (int)Math.Ceiling(factor - 1e-9)); // bicubic: only used when the size is a whole multiple
        var supported = network.Scales.Order().ToArray();
        foreach (var scale in supported)
            if (scale >= factor - 1e-9) return scale;
        return supported[^1];
    }
}
