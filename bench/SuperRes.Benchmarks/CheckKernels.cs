using SuperRes.Tensors.Kernels;

/// <summary>
/// Checks Conv2dKernels.Best against the reference on a few odd shapes, all three passes, and prints
/// which path it is. Tests run it in a child process with DOTNET_EnableAVX2=0 and the like, so the
/// run-time ISA choice itself is exercised.
/// </summary>
internal static unsafe class CheckKernels
{
    public static int Run()
    {
        Conv2dGeometry[] shapes =
        [
            new(2, 13, 9, 11, 17, 3, 3, 1, 1, 1, 1, 1, 1),
            new(1, 20, 12, 10, 18, 3, 3, 1, 1, 1, 1, 1, 1),
            new(1, 5, 16, 14, 7, 4, 4, 2, 2, 1, 1, 1, 1),
        ];
        double worst = 0;
        foreach (var g in shapes)
        {
            var input = Random(g.InputLength, 1); var weight = Random(g.WeightLength, 2);
            var bias = Random(g.OutChannels, 3); var grad = Random(g.OutputLength, 4);
            foreach (var kernel in new[] { Conv2dKernels.Reference, Conv2dKernels.Best })
            {
                var output = new float[g.OutputLength]; var gradInput = new float[g.InputLength];
                var gradWeight = new float[g.WeightLength]; var gradBias = new float[g.OutChannels];
                fixed (float* i = input, w = weight, b = bias, go = grad, o = output, gi = gradInput, gw = gradWeight, gb = gradBias)
                {
                    kernel.Forward(g, i, w, b, o);
                    kernel.BackwardInput(g, go, w, gi);
                    kernel.BackwardWeight(g, i, go, gw, gb);
                }
                if (kernel == Conv2dKernels.Reference) { _expected = [output, gradInput, gradWeight, gradBias]; continue; }
                float[][] actual = [output, gradInput, gradWeight, gradBias];
                for (int a = 0; a < actual.Length; a++) worst = Math.Max(worst, RelativeError(_expected![a], actual[a]));
            }
        }
        worst = Math.Max(worst, CheckInferencePaths());
        bool ok = worst <= 1e-5;
        Console.WriteLine($"best={Conv2dKernels.Best} worst-relative-error={worst:E2} {(ok ? "ok" : "FAILED")}");
        return ok ? 0 : 1;
    }

    private static float[][]? _expected;

    /// <summary>The inference fast paths on Best (sub-pixel transposed conv, fused conv + leaky ReLU) against the reference kernel.</summary>
    private static double CheckInferencePaths()
    {
        double worst = 0;
        using var noGrad = SuperRes.Tensors.Tape.NoGrad();
        // Transposed conv 7->5, k3, stride 2, crop [0 1 0 1] on 9x11: the conv whose input gradient it is.
        var t = new Conv2dGeometry(1, 5, 18, 22, 7, 3, 3, 2, 2, 0, 0, 1, 1);
        var x = Random(t.OutputLength, 5); var w = Random(t.WeightLength, 6); var b = Random(5, 7);
        var expected = new float[t.InputLength];
        fixed (float* px = x, pw = w, pe = expected) Conv2dKernels.Reference.BackwardInput(t, px, pw, pe);
        for (int i = 0; i < expected.Length; i++) expected[i] = LeakyRelu(expected[i] + b[i / (18 * 22)]);
        var actual = SuperRes.Tensors.Ops.ConvTranspose2dLeakyRelu(SuperRes.Tensors.Tensor.FromArray(x, 1, 7, 9, 11),
            SuperRes.Tensors.Tensor.FromArray(w, 7, 5, 3, 3), SuperRes.Tensors.Tensor.FromArray(b, 5), 2,
            new SuperRes.Tensors.Padding2d(0, 0, 1, 1), 0.2f).ToArray();
        worst = Math.Max(worst, RelativeError(expected, actual));
        // Fused conv + leaky ReLU, Winograd-sized (20 -> 18) and direct (1 -> 17).
        foreach (var g in new Conv2dGeometry[] { new(1, 20, 12, 11, 18, 3, 3, 1, 1, 1, 1, 1, 1), new(1, 1, 13, 9, 17, 3, 3, 1, 1, 1, 1, 1, 1) })
        {
            var input = Random(g.InputLength, 8); var weight = Random(g.WeightLength, 9); var bias = Random(g.OutChannels, 10);
            var reference = new float[g.OutputLength];
            fixed (float* i = input, wt = weight, bb = bias, o = reference) Conv2dKernels.Reference.Forward(g, i, wt, bb, o);
            for (int i = 0; i < reference.Length; i++) reference[i] = LeakyRelu(reference[i]);
            var fused = SuperRes.Tensors.Ops.Conv2dLeakyRelu(SuperRes.Tensors.Tensor.FromArray(input, 1, g.InChannels, g.InHeight, g.InWidth),
                SuperRes.Tensors.Tensor.FromArray(weight, g.OutChannels, g.InChannels, 3, 3), SuperRes.Tensors.Tensor.FromArray(bias, g.OutChannels),
                1, 0.2f).ToArray();
            worst = Math.Max(worst, RelativeError(reference, fused));
        }
        return worst;
    }

    private static float LeakyRelu(float v) => v > 0 ? v : 0.2f * v;

    private static float[] Random(long length, int seed)
    {
        var random = new Random(seed);
        var data = new float[length];
        for (long i = 0; i < length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }

    private static double RelativeError(float[] expected, float[] actual)
    {
        double error = 0, scale = 1e-30;
        for (int i = 0; i < expected.Length; i++)
        {
            error = Math.Max(error, float.IsNaN(actual[i]) ? double.PositiveInfinity : Math.Abs(expected[i] - actual[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return error / scale;
    }
}
