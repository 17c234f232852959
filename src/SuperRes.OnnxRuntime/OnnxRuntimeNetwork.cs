using Microsoft.ML.OnnxRuntime;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Onnx;

namespace SuperRes.OnnxRuntime;

/// <summary>
/// An ONNX image-to-image model run by ONNX Runtime (CPU) as an <see cref="IInferenceNetwork"/>,
/// so the <see cref="Upscaler"/> tiles it like our own networks. One session per model, its options
/// set once. Inputs and outputs are mapped from and to [0, 1] by the model's value range; each
/// output's scale comes from the metadata or, failing that, from one probe run.
/// </summary>
public sealed class OnnxRuntimeNetwork : IInferenceNetwork, IDisposable
{
    private const int ProbeHeight = 16, ProbeWidth = 20;

    private readonly InferenceSession _session;
    private readonly OnnxImageSignature _signature;
    private readonly Dictionary<int, string> _outputByScale = new();
    private readonly (float Low, float High) _range;
    private readonly double _bytesPerInputPixel;

    private OnnxRuntimeNetwork(byte[] model, string source, int threads)
    {
        var info = OnnxModelInfo.Parse(model, source);
        _signature = OnnxImageSignature.From(info);
        _range = _signature.ValueRange;
        Name = info.Metadata.Architecture is { } a ? $"{a} (ONNX)" : Path.GetFileNameWithoutExtension(source);
        Info = info;
        var options = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, threads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            _session = new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxFormatException(source, "ONNX Runtime cannot load it: " + FirstLine(e.Message), e);
        }
        finally
        {
            options.Dispose();
        }
        try
        {
            var scales = _signature.OutputScales.ToArray();
            if (scales.Any(s => s is null)) Probe(scales);
            for (int i = 0; i < scales.Length; i++) _outputByScale.TryAdd(scales[i]!.Value, _signature.OutputNames[i]);
            Scales = _outputByScale.Keys.Order().ToArray();
            _bytesPerInputPixel = EstimateBytesPerPixel(info.WidestLayer, Scales[^1]);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>Loads an ONNX file; a file ONNX Runtime or SuperRes cannot run throws <see cref="OnnxFormatException"/>.</summary>
    public static OnnxRuntimeNetwork Load(string path, int threads)
    {
        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnnxFormatException(path, e.Message, e);
        }
        if (length > OnnxModelInfo.MaxFileBytes) throw new OnnxFormatException(path, $"{length} bytes is more than an ONNX file without external data can hold");
        return new OnnxRuntimeNetwork(File.ReadAllBytes(path), path, threads);
    }

    /// <summary>Our network exported to ONNX in memory and run by ONNX Runtime (<c>--backend onnxruntime</c>).</summary>
    public static OnnxRuntimeNetwork FromModel(SuperResolutionModel model, string name, int threads) =>
        new(OnnxExporter.Export(model, $"{name}, exported in memory"), name, threads);

    /// <summary>ONNX Runtime's version, e.g. 1.31.1.</summary>
    public static string Version => OrtEnv.Instance().GetVersionString();

    public OnnxModelInfo Info { get; }

    public string Name { get; }

    public int Channels => _signature.Channels;

    public IReadOnlyList<int> Scales { get; private set; } = [];

    /// <summary>Estimated from the graph's widest layer at the network's own scale, whatever the scale asked.</summary>
    public double? BytesPerInputPixel(int scale) => _bytesPerInputPixel;

    /// <summary>From the <c>tiling</c> metadata our exports carry where the architecture declares it (RRDBNet).</summary>
    public (int Radius, int Alignment)? KnownTiling => Info.Metadata.Tiling;

    public float[] Run(float[] input, int height, int width, int scale)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!_outputByScale.TryGetValue(scale, out var outputName))
            throw new ArgumentException($"{Name} upscales by {string.Join(" or ", Scales)}, not {scale}.", nameof(scale));
        float span = _range.High - _range.Low;
        var x = input;
        if (_range != (0f, 1f))
        {
            x = new float[input.Length];
            for (int i = 0; i < x.Length; i++) x[i] = _range.Low + input[i] * span;
        }
        var y = RunOnce(x, height, width, outputName, out var shape);
        if (shape.Length != 4 || shape[0] != 1 || shape[1] != Channels || shape[2] != (long)height * scale || shape[3] != (long)width * scale)
            throw new InvalidOperationException($"{Name}: output '{outputName}' is [{string.Join(", ", shape)}] for a {height}x{width} input; expected [1, {Channels}, {height * scale}, {width * scale}].");
        if (_range != (0f, 1f))
            for (int i = 0; i < y.Length; i++) y[i] = (y[i] - _range.Low) / span;
        return y;
    }

    public void Dispose() => _session.Dispose();

    private float[] RunOnce(float[] x, int height, int width, string outputName, out long[] shape)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(x, [1, Channels, height, width]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [_signature.InputName], [value], [outputName]);
        var output = outputs[0];
        shape = output.GetTensorTypeAndShape().Shape;
        return output.GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Finds the scale of every output from one run on a small non-square input.</summary>
    private void Probe(int?[] scales)
    {
        var x = new float[Channels * ProbeHeight * ProbeWidth];
        for (int i = 0; i < _signature.OutputNames.Count; i++)
        {
            if (scales[i] is not null) continue;
            var name = _signature.OutputNames[i];
            long[] shape;
            try
            {
                RunOnce(x, ProbeHeight, ProbeWidth, name, out shape);
            }
            catch (OnnxRuntimeException e)
            {
                throw new OnnxFormatException(Info.Source, $"a {ProbeHeight}x{ProbeWidth} probe run failed: {FirstLine(e.Message)}", e);
            }
            if (shape.Length != 4 || shape[1] != Channels || shape[2] % ProbeHeight != 0 || shape[2] / ProbeHeight != shape[3] / ProbeWidth
                || shape[3] % ProbeWidth != 0 || shape[2] / ProbeHeight is < 2 or > 16)
                throw new OnnxFormatException(Info.Source,
                    $"not an image-to-image upscaler: output '{name}' is [{string.Join(", ", shape)}] for a [1, {Channels}, {ProbeHeight}, {ProbeWidth}] input");
            scales[i] = (int)(shape[2] / ProbeHeight);
        }
    }

    /// <summary>
    /// ONNX Runtime's working memory is not visible to the engine's pool: assume a few live
    /// float tensors as wide as the widest layer at the output resolution (an overestimate for
    /// networks that upscale late, so tiles err small), at least 64 bytes per input pixel.
    /// </summary>
    private double EstimateBytesPerPixel(long widestLayer, int scale)
    {
        long widest = Math.Clamp(widestLayer, Channels, 4096);
        return Math.Max(64, 3.0 * sizeof(float) * widest * scale * scale);
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
