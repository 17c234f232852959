using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SuperRes.Tensors.Kernels.Simd;

namespace SuperRes.Tensors.Kernels;

/// <summary>The catalogue of conv2d kernels; <see cref="Best"/> is the fastest one this CPU runs.</summary>
public static class Conv2dKernels
{
    public static IConv2dKernel Reference => ReferenceConv2dKernel.Instance;

    /// <summary>Portable 128-bit path (SSE, NEON). Always runnable.</summary>
    public static IConv2dKernel Vector128 => SimdConv2dKernel<Vector128<float>, Simd128>.Instance;

    /// <summary>256-bit path (AVX2 + FMA); emulated in software where the CPU lacks it.</summary>
    public static IConv2dKernel Vector256 => SimdConv2dKernel<Vector256<float>, Simd256>.Instance;

    /// <summary>512-bit path (AVX-512); emulated in software where the CPU lacks it.</summary>
    public static IConv2dKernel Vector512 => SimdConv2dKernel<Vector512<float>, Simd512>.Instance;

    /// <summary>The vector paths this CPU runs in hardware, widest first.</summary>
    public static IReadOnlyList<IConv2dKernel> Accelerated { get; } = FindAccelerated();

    /// <summary>The kernel the engine uses: the widest hardware-accelerated path.</summary>
    public static IConv2dKernel Best { get; set; } = Accelerated.Count > 0 ? Accelerated[0] : Reference;

    /// <summary>
    /// Whether stride-1 3x3 and 2x2 convs of 16+ channels may use Winograd (F(2x2,3x3): 2.25x fewer
    /// multiplies; F(2x2,2x2): 1.78x; errors within a few 1e-6 relative); false forces the direct path everywhere.
    /// </summary>
    public static bool AllowWinograd { get; set; } = true;

    /// <summary>
    /// Whether 3x3 convs with outputs of 16 x 16 or more take Winograd F(4x4, 3x3) (36 multiplies per
    /// 16 outputs instead of 64; errors of a few 1e-6 relative) rather than F(2x2, 3x3).
    /// </summary>
    public static bool AllowLargeWinogradTiles { get; set; } = true;

    /// <summary>
    /// Starts compiling the forward methods of <see cref="Best"/> (and its inner loops) on a thread-pool
    /// thread; once per process. A program that will run a network calls it early (before loading the
    /// model and reading the image, say): the JIT then works on a spare core instead of holding up
    /// the first pass, which otherwise compiles each kernel as it first calls it.
    /// </summary>
    public static void PrepareInBackground()
    {
        if (Interlocked.Exchange(ref _preparing, 1) != 0) return;
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            try
            {
                PrepareForward();
            }
            catch (Exception)
            {
                // Whatever fails here, on a thread of its own, must not end the process: the kernels
                // then compile on first use, as without this call.
            }
        }, null);
    }

    private static int _preparing;

    /// <summary>The training-only methods of the vector kernels, left to compile on first use.</summary>
    private static readonly HashSet<string> BackwardMethods =
        ["BackwardInput", "BackwardInputCol2Im", "Col2ImItem", "FlipTranspose", "BackwardWeight", "WeightItem", "WeightSlot", "BiasGradient"];

    /// <summary>
    /// Compiles the forward methods of <see cref="Best"/>'s type, of its micro-kernels, of the
    /// transposed convolution by sub-pixel phases (its generic methods at <see cref="Best"/>'s vector
    /// width) and of the activations; their names.
    /// </summary>
    internal static List<string> PrepareForward()
    {
        var prepared = new List<string>();
        var type = Best.GetType();
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(SimdConv2dKernel<,>)) return prepared;
        var vector = type.GetGenericArguments();
        var micro = typeof(ConvMicroKernels<,>).MakeGenericType(vector);
        foreach (var owner in new[] { type, micro, typeof(SubPixelConvTranspose), typeof(Cpu.Activation) })
            foreach (var method in owner.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance))
            {
                if (method.IsAbstract || BackwardMethods.Contains(method.Name)) continue;
                var prepare = method;
                if (method.ContainsGenericParameters)
                {
                    if (!method.IsGenericMethodDefinition || method.GetGenericArguments().Length != vector.Length) continue;
                    try
                    {
                        prepare = method.MakeGenericMethod(vector);
                    }
                    catch (ArgumentException)
                    {
                        continue; // constraints the vector types do not meet
                    }
                }
                RuntimeHelpers.PrepareMethod(prepare.MethodHandle);
                prepared.Add(method.Name);
            }
        return prepared;
    }

    private static IConv2dKernel[] FindAccelerated()
    {
        var list = new List<IConv2dKernel>();
        if (Simd512.IsHardwareAccelerated) list.Add(Vector512);
        if (Simd256.IsHardwareAccelerated) list.Add(Vector256);
        if (Simd128.IsHardwareAccelerated) list.Add(Vector128);
        return list.ToArray();
    }
}
