using SuperRes.Tensors.Kernels;

namespace SuperRes.Cli.Bench;

/// <summary>
/// The shapes `superres bench` measures, shared with the PyTorch scripts: the real ones, or tiny
/// ones (<c>--quick</c>) that only run the code paths.
/// </summary>
public sealed record BenchSizes(
    IReadOnlyList<Conv2dGeometry> Conv, int Width, int Depth, int Batch, int Patch, int InferenceSize, int Repeats,
    IReadOnlyList<LapSrnShape> WidthShapes)
{
    /// <summary>
    /// conv 3x3 64->64 on 1x64x256x256 and 16x64x64x64; a LapSRN-x4-sized step (64 wide, 10 deep, batch 16, 32x32 LR patches);
    /// LapSRN x4 on 256x256; the built-in model's shape (LapSRN x4, 32 wide, 5 deep) on 250x361 (Set14 comic.png), and the
    /// same at widths 16 and 64, so narrow networks are measured beside wide ones.
    /// </summary>
    public static BenchSizes Full { get; } = new(ConvBenchmark.StandardShapes, 64, 10, 16, 32, 256, 3,
        [new LapSrnShape(32, 5, 250, 361), new LapSrnShape(16, 5, 250, 361), new LapSrnShape(64, 5, 250, 361)]);

    public static BenchSizes Quick { get; } = new(
        [new(1, 8, 16, 16, 8, 3, 3, 1, 1, 1, 1, 1, 1), new(2, 8, 8, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1)], 8, 2, 2, 8, 16, 1,
        [new LapSrnShape(4, 1, 12, 17), new LapSrnShape(2, 1, 12, 17)]);
}
