using System.Numerics.Tensors;

namespace SuperRes.Tensors.Cpu;

/// <summary>Small element-wise helpers over spans (TensorPrimitives underneath).</summary>
internal static class ElementWise
{
    public static void AddInPlace(Span<float> target, ReadOnlySpan<float> source) => TensorPrimitives.Add(target, source, target);
}
