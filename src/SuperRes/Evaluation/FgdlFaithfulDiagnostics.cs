using SuperRes.Imaging;
using SuperRes.Metrics;
using SuperRes.Models.Fgdl;
using SuperRes.Processing;
using SuperRes.Tensors;

namespace SuperRes.Evaluation;

/// <summary>
/// Splits a faithful FGDL network's level (docs/FGDL.md, "The faithful reading") into its readouts:
/// the soft-argmax inside the area (the output), the argmax bin's centre, the area's centre, the
/// upsampled image u (the prior's centre), the soft-argmax over all K bins (no area), and the truth
/// clamped into the area (the best inside it); with the area hit rate, top-1 accuracy and mean
/// radius. Same protocol as <see cref="FgdlReadoutDiagnostics"/>.
/// </summary>
public static class FgdlFaithfulDiagnostics
{
    public const string Output = "soft-argmax inside the area (output)";
    public const string ArgmaxCentre = FgdlReadoutDiagnostics.ArgmaxCentre;
    public const string AreaCentre = FgdlReadoutDiagnostics.AreaCentre;
    public const string Upsampled = "upsampled image u (prior centre)";
    public const string AllBins = "soft-argmax over all bins (no area)";
    public const string BestInsideArea = FgdlReadoutDiagnostics.BestInsideArea;

    public static IReadOnlyList<string> Readouts { get; } = [Output, ArgmaxCentre, AreaCentre, Upsampled, AllBins, BestInsideArea];

    public static FgdlDiagnosis Diagnose(FgdlFaithfulNetwork network, string dataset, IReadOnlyList<(string Name, Image Image)> images, int scale, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(images);
        int level = FgdlReadoutDiagnostics.LevelOf(scale, network.LevelCount);
        network.Eval();
        return FgdlReadoutDiagnostics.Run(dataset, images, scale, network.Channels, Readouts, (lr, hr) => DiagnoseImage(network, level, lr, hr, scale), progress);
    }

    private static FgdlReadoutDiagnostics.ImageStats DiagnoseImage(
        FgdlFaithfulNetwork network, int level, Plane[] lr, Plane[] hr, int scale)
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
        var reading = network.ForwardTraining(Tensor.FromArray(input, 1, c, h, w))[level];
        var z = reading.Logits.AsSpan();
        var readouts = new float[Readouts.Count][];
        readouts[0] = reading.Image.ToArray();
        readouts[3] = reading.Upsampled.ToArray();
        for (int k = 1; k < Readouts.Count; k++) readouts[k] ??= new float[truth.Length];
        long hits = 0, top1 = 0, radiusSum = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            int b = reading.Bins[i], r = reading.Radius[i], bStar = AnchorAreas.TruthBin(truth[i], bins);
            int g = i / area, pixel = i % area;
            float lo = Math.Max(0, b - r) / (float)bins, hi = Math.Min(bins, b + r + 1) / (float)bins;
            readouts[1][i] = (b + 0.5f) / bins;
            readouts[2][i] = (lo + hi) / 2;
            double max = z[(g * bins + b) * area + pixel], num = 0, den = 0;
            for (int k = 0; k < bins; k++)
            {
                var e = Math.Exp(z[(g * bins + k) * area + pixel] - max);
                num += e * (k + 0.5) / bins;
                den += e;
            }
            readouts[4][i] = (float)(num / den);
            readouts[5][i] = Math.Clamp(truth[i], lo, hi);
            if (Math.Abs(b - bStar) <= r) hits++;
            if (b == bStar) top1++;
            radiusSum += r;
        }
        var hrY = (c == 1 ? hr[0] : ColorConversion.Luma(hr)).Shave(scale);
        var psnr = new double[Readouts.Count];
        var ssim = new double[Readouts.Count];
        for (int k = 0; k < Readouts.Count; k++)
        {
            var srY = FgdlReadoutDiagnostics.Y(FgdlReadoutDiagnostics.Split(readouts[k], c, w * scale, h * scale), 255f, c).Shave(scale);
            psnr[k] = PsnrMetric.Compute(srY, hrY);
            ssim[k] = SsimMetric.Compute(srY, hrY);
        }
        return new FgdlReadoutDiagnostics.ImageStats(psnr, ssim, truth.Length, hits, top1, radiusSum);
    }
}
