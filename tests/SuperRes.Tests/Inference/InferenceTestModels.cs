using SuperRes.Models;
using SuperRes.Processing;
using SuperRes.Tensors;

namespace SuperRes.Tests.Inference;

/// <summary>Small seeded networks and planes for the inference tests.</summary>
internal static class InferenceTestModels
{
    public static LapSrn TinyLapSrn(int scale = 4, int channels = 1) =>
        new(new LapSrnOptions { Scale = scale, Channels = channels, Width = 8, Depth = 3 }, new Rng(11));

    /// <summary>Strided encoder-decoder: a wide receptive field and tiles that must stay aligned.</summary>
    public static ResUNet TinyResUNet(int scale = 2) =>
        new(new ResUNetOptions { Scale = scale, Width = 4, Levels = 2, BlocksPerLevel = 1 }, new Rng(12));

    /// <summary>SRCNN whose kernels are symmetric under flips and quarter turns: the whole network is then equivariant to them.</summary>
    public static Srcnn SymmetricSrcnn()
    {
        var model = new Srcnn(new SrcnnOptions { Scale = 2, Width1 = 8, Width2 = 4 }, new Rng(13));
        foreach (var (name, p) in model.NamedParameters())
            if (name.EndsWith("weight", StringComparison.Ordinal)) Symmetrize(p);
        return model;
    }

    public static Plane RandomPlane(int width, int height, int seed)
    {
        var random = new Random(seed);
        var plane = new Plane(width, height);
        for (int i = 0; i < plane.Data.Length; i++) plane.Data[i] = (float)(255 * random.NextDouble());
        return plane;
    }

    public static double MaxDifference(Plane a, Plane b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        double worst = 0;
        for (int i = 0; i < a.Data.Length; i++) worst = Math.Max(worst, Math.Abs(a.Data[i] - b.Data[i]));
        return worst;
    }

    private static void Symmetrize(Tensor weight)
    {
        int k = weight.Size(3), kernels = weight.Size(0) * weight.Size(1);
        var w = weight.AsSpan();
        for (int n = 0; n < kernels; n++)
        {
            var kernel = w.Slice(n * k * k, k * k);
            var sum = new float[k * k];
            for (int y = 0; y < k; y++)
                for (int x = 0; x < k; x++)
                {
                    int fy = k - 1 - y, fx = k - 1 - x;
                    // The 8 images of (y, x) under the dihedral group of the square.
                    foreach (var (sy, sx) in new[] { (y, x), (x, fy), (fy, fx), (fx, y), (y, fx), (fx, fy), (fy, x), (x, y) })
                        sum[y * k + x] += kernel[sy * k + sx] / 8;
                }
            sum.CopyTo(kernel);
        }
    }
}
