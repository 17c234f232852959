using System.Reflection;
using System.Runtime.CompilerServices;
using SuperRes.Compression;
using SuperRes.Imaging.Png;
using SuperRes.Processing;
using SuperRes.Tensors.Kernels;

namespace SuperRes.Inference;

public sealed partial class Upscaler
{
    /// <summary>
    /// Starts compiling, on thread-pool threads and once per process, what a first upscale would
    /// otherwise compile as it goes: the engine's forward kernels (<see cref="Conv2dKernels.PrepareInBackground"/>)
    /// and the vector code of the colour merge, the samples and the PNG codec (which ReadyToRun images
    /// cannot carry for wide vectors). A program that will upscale calls it before it loads its model
    /// and reads its image, so the JIT works on a spare core meanwhile.
    /// </summary>
    public static void PrepareInBackground()
    {
        Conv2dKernels.PrepareInBackground();
        if (Interlocked.Exchange(ref _preparing, 1) != 0) return;
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            try
            {
                PrepareImageCode();
                RunLibraryCodeOnce();
            }
            catch (Exception)
            {
                // Whatever fails here, on a thread of its own, must not end the process: the code
                // then compiles on first use, as without this call.
            }
        }, null);
    }

    private static int _preparing;

    /// <summary>
    /// Runs once, on small inputs, the library code the first upscale calls that no ReadyToRun image
    /// holds, so that its JIT happens here rather than on the upscale's path (measured there: Adler-32's
    /// AVX-512 loop 10-14 ms in the PNG decode, TensorPrimitives' divide and multiply by a scalar 8-13 ms,
    /// Parallel.For's worker 4-6 ms, the sort of longs 4 ms at the end of the deflate): generic code
    /// over our own structs (the tile grid's lists) or instantiated only here, and wide-vector code in
    /// other assemblies.
    /// </summary>
    internal static void RunLibraryCodeOnce()
    {
        Totals(TileGrid.Rows(48, 40, 16, 16, 4, 4));
        Parallel.For(0, 2, _ => { });
        var bytes = new byte[4096 + 63]; // the 512-bit loop and the 256-bit tail
        System.IO.Hashing.Adler32.Hash(bytes);
        System.IO.Hashing.Crc32.Hash(bytes);
        var floats = new float[1024];
        System.Numerics.Tensors.TensorPrimitives.Divide(floats, 255f, floats);
        System.Numerics.Tensors.TensorPrimitives.Multiply(floats, 255f, floats);
        System.Numerics.Tensors.TensorPrimitives.Add(floats, 1f, floats);
        System.Numerics.Tensors.TensorPrimitives.Add(floats.AsSpan(0, 5), 1f, floats.AsSpan(0, 5)); // the short-row path
        var keys = new long[64]; // the deflater's Huffman code sorts its leaves as longs
        for (int i = 0; i < keys.Length; i++) keys[i] = (i * 37) % 64;
        Array.Sort(keys);
    }

    /// <summary>The types, with their nested ones, whose methods an upscale to PNG first calls on each image.</summary>
    private static readonly Type[] PreparedTypes =
        [typeof(YCbCrUpscaleMerge), typeof(WindowedColumnTaps), typeof(ColorConversion), typeof(ImagePlanes), typeof(PngDecoder), typeof(PngFilters),
            typeof(PngRowWriter), typeof(ParallelZlibWriter), typeof(RunLengthDeflater), typeof(HuffmanCode), typeof(CodeLengthHeader), typeof(DeflateBitWriter), typeof(TileNetwork)];

    /// <summary>Compiles the methods of <see cref="PreparedTypes"/>; their names. A method that cannot be prepared is left to compile on first use.</summary>
    internal static List<string> PrepareImageCode()
    {
        var prepared = new List<string>();
        var pending = new Stack<Type>(PreparedTypes);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (type.ContainsGenericParameters) continue;
            foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)) pending.Push(nested);
            foreach (var method in type.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance))
            {
                if (method.IsAbstract || method.ContainsGenericParameters) continue;
                try
                {
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    prepared.Add(method.Name);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or TypeLoadException)
                {
                    // Compiled on first use instead.
                }
            }
        }
        return prepared;
    }
}
