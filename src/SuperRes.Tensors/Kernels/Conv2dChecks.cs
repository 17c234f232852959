namespace SuperRes.Tensors.Kernels;

/// <summary>Argument checks shared by the fast kernels: clear messages instead of memory faults.</summary>
internal static unsafe class Conv2dChecks
{
    public static void Validate(in Conv2dGeometry g, float* a, float* b, float* c)
    {
        if (g.Batch < 1 || g.InChannels < 1 || g.OutChannels < 1 || g.InHeight < 1 || g.InWidth < 1
            || g.KernelHeight < 1 || g.KernelWidth < 1)
            throw new ArgumentException($"conv2d: sizes must be positive: {g}");
        if (g.StrideH < 1 || g.StrideW < 1)
            throw new ArgumentException($"conv2d: strides must be positive: {g}");
        if (g.PadTop < 0 || g.PadLeft < 0 || g.PadBottom < 0 || g.PadRight < 0)
            throw new ArgumentException($"conv2d: padding must not be negative: {g}");
        if (g.InHeight + g.PadTop + g.PadBottom < g.KernelHeight || g.InWidth + g.PadLeft + g.PadRight < g.KernelWidth)
            throw new ArgumentException($"conv2d: kernel larger than the padded input: {g}");
        long padded = (long)g.InChannels * (g.InHeight + g.PadTop + g.PadBottom) * (g.InWidth + g.PadLeft + g.PadRight);
        if (padded > int.MaxValue / 2 || (long)g.OutChannels * g.OutHeight * g.OutWidth > int.MaxValue / 2
            || (long)g.InChannels * g.KernelHeight * g.KernelWidth > 1 << 20)
            throw new ArgumentException($"conv2d: one image is too large for the kernel's 32-bit offsets: {g}");
        if (a == null || b == null || c == null)
            throw new ArgumentNullException(nameof(a), "conv2d: a buffer pointer is null");
    }
}
