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
                // Compiles the list and LINQ code over tiles (generic over our own structs, so not
                // in the ReadyToRun image) by running it on a small grid.
                Totals(TileGrid.Rows(48, 40, 16, 16, 4, 4));
            }
            catch (Exception)
            {
                // Whatever fails here, on a thread of its own, must not end the process: the code
                // then compiles on first use, as without this call.
            }
        }, null);
    }

    private static int _preparing;

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
