using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Tests.Models;

/// <summary>Every architecture at a tiny width, so that tests stay fast on the reference conv kernel.</summary>
internal static class TinyModels
{
    public static ModelOptions Options(string name, int scale) => name switch
    {
        "lapsrn" => new LapSrnOptions { Scale = scale, Width = 4, Depth = 1 },
        "srcnn" => new SrcnnOptions { Scale = scale, Width1 = 4, Width2 = 3, Kernel1 = 5, Kernel2 = 3, Kernel3 = 3 },
        "fsrcnn" => new FsrcnnOptions { Scale = scale, Width = 4, Shrink = 2, Depth = 1 },
        "vdsr" => new VdsrOptions { Scale = scale, Width = 4, Depth = 3 },
        "edsr-baseline" => new EdsrOptions { Scale = scale, Width = 4, Blocks = 1 },
        "resunet" => new ResUNetOptions { Scale = scale, Width = 2, Levels = 2, BlocksPerLevel = 1 },
        "resunet-shuffle" => new ResUNetOptions { Scale = scale, Width = 2, Levels = 2, BlocksPerLevel = 1, Upsampling = ResUNetUpsampling.PixelShuffle },
        "resunet-lr" => new ResUNetLrOptions { Scale = scale, Width = 2, Levels = 2, BlocksPerLevel = 1 },
        _ => throw new ArgumentException(name),
    };

    public static SuperResolutionModel Create(string name, int scale, ulong seed = 1)
    {
        var options = Options(name, scale);
        return KnownModels.Get(name.Replace("-shuffle", "")).Create(options, new Rng(seed));
    }

    public static Tensor Input(int batch, int channels, int h, int w, ulong seed) =>
        Tensor.RandomUniform(new Rng(seed), 0, 1, batch, channels, h, w);

    public static IEnumerable<object[]> Cases()
    {
        foreach (var name in new[] { "lapsrn", "srcnn", "fsrcnn", "vdsr", "edsr-baseline", "resunet", "resunet-shuffle", "resunet-lr" })
            foreach (var scale in new[] { 2, 4, 8 })
                yield return [name, scale];
        yield return ["fsrcnn", 3];
        yield return ["edsr-baseline", 3];
        yield return ["vdsr", 3];
        yield return ["resunet-lr", 3];
    }

    public static IEnumerable<object[]> Names() =>
        new[] { "lapsrn", "srcnn", "fsrcnn", "vdsr", "edsr-baseline", "resunet", "resunet-shuffle", "resunet-lr" }.Select(n => new object[] { n });
}
