using SuperRes.Models.Fgdl;
using SuperRes.Imaging;
using SuperRes.Losses;
using SuperRes.Processing;
using SuperRes.Metrics;
using SuperRes.Tensors;

namespace SuperRes.Evaluation;

/// <summary>
/// Splits an FGDL network's output into its parts to say which part limits it (issue: FGDL readout):
/// the heads' output lo + sigmoid(t)(hi - lo); the centre of the predicted area; the centre of the
/// argmax bin; the network's own image path; the heads' output with every area widened to hold the
/// truth (the training-time areas, an oracle); and the truth clamped into the predicted area (the
/// best any regression inside the area could do). The image runs whole (no tiles) through the
/// benchmark protocol's LR; scores are on Y, shaved and rounded to 8 bits like the protocol's.
/// </summary>
public static class FgdlReadoutDiagnostics
{
    public const string Heads = "heads: lo + sigmoid(t)(hi - lo)";
    public const string AreaCentre = "area centre (lo + hi) / 2";
    public const string ArgmaxCentre = "argmax bin centre (b + 1/2) / K";
    public const string NetworkOutput = "network's own image path";
    public const string OracleWidened = "heads, areas widened to the truth (oracle)";
    public const string BestInsideArea = "truth clamped into the area (best inside)";

    public static IReadOnlyList<string> Readouts { get; } = [Heads, AreaCentre, ArgmaxCentre, NetworkOutput, OracleWidened, BestInsideArea];

    /// <summary>Diagnoses the level that upscales by <paramref name="scale"/> on every image.</summary>
    public static FgdlDiagnosis Diagnose(FgdlNetwork network, string dataset, IReadOnlyList<(string Name, Image Image)> images, int scale, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(images);
        int level = LevelOf(scale, network.LevelCount);
        network.Eval();
        return Run(dataset, images, scale, network.Channels, Readouts, (lr, hr) => DiagnoseImage(network, level, lr, hr, scale), progress);
    }

    /// <summary>The level (0 for x2) that upscales by <paramref name="scale"/>; throws unless it is a power of 2 the network has.</summary>
    internal static int LevelOf(int scale, int levelCount)
    {
        int level = System.Numerics.BitOperations.Log2((uint)scale) - 1;
        if (scale < 2 || (scale & (scale - 1)) != 0 || level >= levelCount)
            throw new ArgumentException($"the network's levels upscale by 2 to {1 << levelCount}, not by {scale}.", nameof(scale));
        return level;
    }

    /// <summary>
    /// The protocol around a per-image diagnosis: each image's ground truth and LR as the network's
    /// planes, the readouts' PSNR/SSIM averaged over images, and the area statistics summed over pixels.
    /// </summary>
    internal static FgdlDiagnosis Run(string dataset, IReadOnlyList<(string Name, Image Image)> images, int scale, int channels,
        IReadOnlyList<string> readouts, Func<Plane[], Plane[], ImageStats> diagnoseImage, IProgress<int>? progress)
    {
        ArgumentNullException.ThrowIfNull(images);
        var protocol = new BenchmarkProtocol(scale);
        var psnr = new double[readouts.Count];
        var ssim = new double[readouts.Count];
        long pixels = 0, hits = 0, top1 = 0, radiusSum = 0;
        for (int i = 0; i < images.Count; i++)
        {
            var groundTruth = protocol.GroundTruth(images[i].Image);
            var stats = diagnoseImage(Planes(protocol.LowResolution(groundTruth), channels), Planes(groundTruth, channels));
            for (int r = 0; r < readouts.Count; r++)
            {
                psnr[r] += stats.Psnr[r];
                ssim[r] += stats.Ssim[r];
            }
            pixels += stats.Pixels;
            hits += stats.Hits;
            top1 += stats.Top1;
            radiusSum += stats.RadiusSum;
            progress?.Report(i + 1);
        }
        int n = Math.Max(images.Count, 1);
        double Share(long count) => pixels == 0 ? double.NaN : (double)count / pixels;
        return new FgdlDiagnosis(dataset, scale, images.Count, readouts.Select((name, r) => new FgdlReadout(name, psnr[r] / n, ssim[r] / n)).ToArray(),
            Share(hits), Share(top1), Share(radiusSum));
    }

    /// <summary>A network on Y gets the luma plane; an RGB network the colour planes.</summary>
    internal static Plane[] Planes(Plane[] colour, int channels) =>
        channels == 1 ? [ColorConversion.Luma(colour)] : colour.Length == channels ? colour : [.. Enumerable.Repeat(colour[0], channels)];

    /// <summary>One image's readout scores and its area statistics over its pixels.</summary>
    internal sealed record ImageStats(double[] Psnr, double[] Ssim, long Pixels, long Hits, long Top1, long RadiusSum);

    private static ImageStats DiagnoseImage(FgdlNetwork network, int level, Plane[] lr, Plane[] hr, int scale)
    {
        int c = network.Channels, bins = network.FgdlOptions.Bins;
        int h = lr[0].Height, w = lr[0].Width, area = h * w * scale * scale;
        using var tape = new Tape();
        using var noGrad = Tape.NoGrad();
        var input = new float[c * h * w];
        for (int ch = 0; ch < c; ch++)
            for (int i = 0; i < h * w; i++) input[ch * h * w + i] = lr[ch].Data[i] / 255f;
        var truth = new float[c * area];
        for (int ch = 0; ch < c; ch++)
            for (int i = 0; i < area; i++) truth[ch * area + i] = hr[ch].Data[i] / 255f;
        var output = network.ForwardTraining(Tensor.FromArray(input, 1, c, h, w))[level];
        var target = Tensor.FromArray(truth, 1, c, h * scale, w * scale);
        var (heads, areas) = FgdlLoss.Reconstruct(output.Logits, output.T, network.FgdlOptions with { Variant = Inference(network.FgdlOptions.Variant) }, null, output.Output);
        var oracleOptions = network.FgdlOptions with { Variant = Inference(network.FgdlOptions.Variant), WidenToTruth = true };
        var (oracle, _) = FgdlLoss.Reconstruct(output.Logits, output.T, oracleOptions, target, output.Output);

        var readouts = new float[Readouts.Count][];
        readouts[0] = heads.ToArray();
        readouts[1] = new float[truth.Length];
        readouts[2] = new float[truth.Length];
        readouts[3] = output.Output.ToArray();
        readouts[4] = oracle.ToArray();
        readouts[5] = new float[truth.Length];
        long hits = 0, top1 = 0, radiusSum = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            int b = areas.PredictedBin[i], r = areas.Radius[i], bStar = AnchorAreas.TruthBin(truth[i], bins);
            readouts[1][i] = (areas.Lo[i] + areas.Hi[i]) / 2;
            readouts[2][i] = (b + 0.5f) / bins;
            readouts[5][i] = Math.Clamp(truth[i], areas.Lo[i], areas.Hi[i]);
            if (Math.Abs(b - bStar) <= r) hits++;
            if (b == bStar) top1++;
            radiusSum += r;
        }
        var hrY = (c == 1 ? hr[0] : ColorConversion.Luma(hr)).Shave(scale); // the truth is not rounded
        var psnr = new double[Readouts.Count];
        var ssim = new double[Readouts.Count];
        for (int k = 0; k < Readouts.Count; k++)
        {
            var srY = Y(Split(readouts[k], c, w * scale, h * scale), 255f, c).Shave(scale);
            psnr[k] = PsnrMetric.Compute(srY, hrY);
            ssim[k] = SsimMetric.Compute(srY, hrY);
        }
        return new ImageStats(psnr, ssim, truth.Length, hits, top1, radiusSum);
    }

    /// <summary>The auxiliary variant trains the heads beside the output; read them as the Class-Module would.</summary>
    private static FgdlVariant Inference(FgdlVariant variant) => variant == FgdlVariant.Auxiliary ? FgdlVariant.ClassModule : variant;

    internal static Plane[] Split(float[] data, int channels, int width, int height)
    {
        int area = width * height;
        return Enumerable.Range(0, channels).Select(ch => new Plane(width, height, data.AsSpan(ch * area, area).ToArray())).ToArray();
    }

    /// <summary>Y of planes scaled by <paramref name="factor"/> to [0, 255], rounded and clipped to 8 bits as the protocol does.</summary>
    internal static Plane Y(Plane[] planes, float factor, int channels)
    {
        var scaled = planes.Select(p =>
        {
            var q = new float[p.Data.Length];
            for (int i = 0; i < q.Length; i++) q[i] = Math.Clamp(MathF.Round(p.Data[i] * factor), 0f, 255f);
            return new Plane(p.Width, p.Height, q);
        }).ToArray();
        return channels == 1 ? scaled[0] : ColorConversion.Luma(scaled);
    }
}
