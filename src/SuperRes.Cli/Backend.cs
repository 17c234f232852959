using System.CommandLine;
using SuperRes.Tensors.Kernels;

namespace SuperRes.Cli;

/// <summary>
/// Which runtime executes a network (<c>--backend</c>) and on how many threads (<c>--threads</c>):
/// <c>engine</c>, SuperRes's own managed tensor engine; <c>onnxruntime</c>, ONNX Runtime on the
/// CPU, running our models exported to ONNX in memory and any ONNX image-to-image model. Both
/// use the same thread count. ONNX files always run on ONNX Runtime.
/// </summary>
public sealed record Backend(string Name, int Threads)
{
    public const string EngineName = "engine";
    public const string OnnxRuntimeName = "onnxruntime";

    public static string EngineDescription => "SuperRes's own managed tensor engine (no native code)";

    public static string OnnxRuntimeDescription =>
        "ONNX Runtime (CPU): our models exported to ONNX in memory, and any ONNX image-to-image model (.onnx)";

    /// <summary>ONNX Runtime's version, or null (with the reason) where its native library does not load on this machine.</summary>
    public static string? OnnxRuntimeVersion(out string? why)
    {
        try
        {
            why = null;
            return OnnxRuntime.OnnxRuntimeNetwork.Version;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException)
        {
            why = $"ONNX Runtime does not load here ({e.GetBaseException().Message.Split('\n')[0].Trim()})";
            return null;
        }
    }

    /// <summary>Null means the default: the engine for our models, ONNX Runtime for .onnx files.</summary>
    public static Option<string?> CreateBackendOption()
    {
        var option = new Option<string?>("--backend")
        {
            Description = $"What runs the network: {EngineName}, {EngineDescription} (default); {OnnxRuntimeName}, {OnnxRuntimeDescription}.",
        };
        option.AcceptOnlyFromAmong(EngineName, OnnxRuntimeName);
        return option;
    }

    public static Option<int> CreateThreadsOption()
    {
        var option = new Option<int>("--threads")
        {
            Description = "Threads for the network, either backend (default: every core).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 256) r.AddError("--threads must be between 1 and 256.");
        });
        return option;
    }

    /// <summary>The backend asked for; sets the engine's thread count too.</summary>
    public static Backend FromParse(ParseResult parseResult, Option<string?> backend, Option<int> threads)
    {
        int count = parseResult.GetValue(threads);
        KernelWorkerPool.ThreadCount = count;
        return new Backend(parseResult.GetValue(backend) ?? "", count);
    }

    public bool IsOnnxRuntime => Name == OnnxRuntimeName;

    public bool IsEngine => Name == EngineName;
}
