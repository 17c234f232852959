using SuperRes.Tensors.Kernels;

namespace SuperRes.Tensors;

/// <summary>A stride-2 transposed conv, leaky ReLU, a 3x3 conv and a sum, computed a few output rows at a time.</summary>
public static unsafe partial class Ops
{
    /// <summary>
    /// addend + conv2d(leaky_relu(conv_transpose2d(x, upWeight, upBias, stride 2, crop [0 1 0 1]), slope), convWeight, convBias, padding 1),
    /// with 3x3 kernels: the tail of a LapSRN level (its upsampling conv, residual conv and sum).
    /// Without gradients the fast kernels compute it a few output rows at a time and the upsampled
    /// features, the largest tensor of the network, are never stored (<see cref="IUpsampleConvKernel"/>);
    /// with gradients, or on the reference kernel, it is the three ops. The two differ by float
    /// rounding only (products summed in another order).
    /// </summary>
    /// <param name="x">[N, Ci, H, W].</param>
    /// <param name="upWeight">[Ci, Cm, 3, 3], the transposed conv's (PyTorch layout).</param>
    /// <param name="upBias">[Cm] or null.</param>
    /// <param name="slope">The leaky ReLU's slope.</param>
    /// <param name="convWeight">[Co, Cm, 3, 3].</param>
    /// <param name="convBias">[Co] or null.</param>
    /// <param name="addend">[N, Co, 2H, 2W].</param>
    public static Tensor UpsampleConvAdd(Tensor x, Tensor upWeight, Tensor? upBias, float slope, Tensor convWeight, Tensor? convBias, Tensor addend)
    {
        var (output, _) = UpsampleConvAdd(x, upWeight, upBias, slope, convWeight, convBias, addend, keepFeatures: false);
        return output;
    }

    /// <summary>
    /// <see cref="UpsampleConvAdd(Tensor, Tensor, Tensor?, float, Tensor, Tensor?, Tensor)"/>, also
    /// returning the upsampled features leaky_relu(conv_transpose2d(...)) [N, Cm, 2H, 2W] (the next
    /// LapSRN level's input), written as each row is made.
    /// </summary>
    public static (Tensor Output, Tensor Features) UpsampleConvAddWithFeatures(Tensor x, Tensor upWeight, Tensor? upBias, float slope,
        Tensor convWeight, Tensor? convBias, Tensor addend)
    {
        var (output, features) = UpsampleConvAdd(x, upWeight, upBias, slope, convWeight, convBias, addend, keepFeatures: true);
        return (output, features!);
    }

    private static (Tensor Output, Tensor? Features) UpsampleConvAdd(Tensor x, Tensor upWeight, Tensor? upBias, float slope,
        Tensor convWeight, Tensor? convBias, Tensor addend, bool keepFeatures)
    {
        CheckUpsampleConv(x, upWeight, upBias, convWeight, convBias, addend);
        if (Autograd.Needs(x, upWeight, upBias) || Autograd.Needs(convWeight, convBias, addend) || DisableFusedUpsample
            || Conv2dKernels.Best is not IUpsampleConvKernel fused)
        {
            var up = ConvTranspose2dLeakyRelu(x, upWeight, upBias, 2, new Padding2d(0, 0, 1, 1), slope);
            var conv = Conv2d(up, convWeight, convBias, 1, 1, new Padding2d(1, 1, 1, 1));
            var sum = Add(addend, conv);
            if (!Tape.IsGradEnabled)
            {
                if (!keepFeatures) up.Dispose();
                conv.Dispose();
            }
            return (sum, keepFeatures ? up : null);
        }
        var output = Tensor.EmptyOwned(addend.Shape.ToArray());
        var features = keepFeatures ? Tensor.EmptyOwned([x.Size(0), upWeight.Size(1), 2 * x.Size(2), 2 * x.Size(3)]) : null;
        fused.ForwardUpsampleConv(x.Size(0), x.Size(1), upWeight.Size(1), convWeight.Size(0), x.Size(2), x.Size(3), x.DataPointer,
            upWeight.DataPointer, upBias == null ? null : upBias.DataPointer, slope, convWeight.DataPointer,
            convBias == null ? null : convBias.DataPointer, addend.DataPointer, output.DataPointer,
            features == null ? null : features.DataPointer);
        return (output, features);
    }

    /// <summary>Per-thread switch for tests and measurements: <see cref="UpsampleConvAdd(Tensor, Tensor, Tensor?, float, Tensor, Tensor?, Tensor)"/> as its three ops.</summary>
    [ThreadStatic] internal static bool DisableFusedUpsample;

    private static void CheckUpsampleConv(Tensor x, Tensor upWeight, Tensor? upBias, Tensor convWeight, Tensor? convBias, Tensor addend)
    {
        Shapes.RequireRank(x, 4, "upsample conv input");
        Shapes.RequireRank(upWeight, 4, "upsample conv transposed weight");
        Shapes.RequireRank(convWeight, 4, "upsample conv weight");
        Shapes.RequireRank(addend, 4, "upsample conv addend");
        int ci = x.Size(1), cm = upWeight.Size(1), co = convWeight.Size(0);
        if (upWeight.Size(0) != ci || upWeight.Size(2) != 3 || upWeight.Size(3) != 3)
            throw new ArgumentException($"upsample conv: transposed weight {upWeight.ShapeString} must be [{ci}, Cm, 3, 3] for input {x.ShapeString}.");
        if (convWeight.Size(1) != cm || convWeight.Size(2) != 3 || convWeight.Size(3) != 3)
            throw new ArgumentException($"upsample conv: weight {convWeight.ShapeString} must be [Co, {cm}, 3, 3].");
        if (upBias != null && upBias.Length != cm) throw new ArgumentException($"upsample conv: bias {upBias.ShapeString} does not match {cm} channels.");
        if (convBias != null && convBias.Length != co) throw new ArgumentException($"upsample conv: bias {convBias.ShapeString} does not match {co} channels.");
        if (addend.Size(0) != x.Size(0) || addend.Size(1) != co || addend.Size(2) != 2 * x.Size(2) || addend.Size(3) != 2 * x.Size(3))
            throw new ArgumentException($"upsample conv: addend {addend.ShapeString} must be [{x.Size(0)}, {co}, {2 * x.Size(2)}, {2 * x.Size(3)}].");
    }
}
