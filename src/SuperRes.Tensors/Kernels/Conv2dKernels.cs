namespace SuperRes.Tensors.Kernels;

/// <summary>The catalogue of conv2d kernels; <see cref="Best"/> is the fastest one this CPU runs.</summary>
public static class Conv2dKernels
{
    public static IConv2dKernel Reference => ReferenceConv2dKernel.Instance;

    /// <summary>The kernel the engine uses. Replaced by the fast kernel once it exists.</summary>
    public static IConv2dKernel Best { get; set; } = ReferenceConv2dKernel.Instance;
}
