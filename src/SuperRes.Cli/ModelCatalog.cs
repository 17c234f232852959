using SuperRes.Evaluation;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Onnx;
using SuperRes.OnnxRuntime;
using SuperRes.Tensors.Serialization;
using SuperRes.Weights;
using SuperRes.Weights.Torch;

namespace SuperRes.Cli;

/// <summary>
/// Resolves <c>--model</c>: <c>bicubic</c>, a model file (our safetensors, which carries its
/// architecture), published LapSRN weights (MatConvNet .mat), community weights (PyTorch .pth or
/// plain .safetensors of RRDBNet, SRVGGNetCompact or SPAN; see <see cref="ModelLoader"/>), an ONNX
/// model (.onnx, run by ONNX Runtime), or nothing (the <see cref="DefaultModel"/>). Every command
/// loads its model here. Our networks run on the <see cref="Backend"/> asked for: our engine, or
/// ONNX Runtime after an in-memory export.
/// </summary>
public static class ModelCatalog
{
    public const string BicubicName = "bicubic";

    public static IEnumerable<string> Names => [BicubicName, PhotoModel.DisplayName];

    /// <summary>The method for <paramref name="nameOrPath"/>; null means the default (with a <see cref="ModelChoice.Note"/> if it falls back).</summary>
    public static ModelChoice Resolve(string? nameOrPath, Backend? backend = null)
    {
        backend ??= new Backend("", Environment.ProcessorCount);
        if (nameOrPath is null)
        {
            var model = DefaultModel.Load();
            if (model is not null) return new ModelChoice(BuiltInModel.DisplayName, Run(model, BuiltInModel.DisplayName, backend));
            return new ModelChoice(BicubicName, null) { Note = DefaultModel.FallbackNote };
        }
        if (string.Equals(nameOrPath, BicubicName, StringComparison.OrdinalIgnoreCase)) return new ModelChoice(BicubicName, null);
        if (IsPhoto(nameOrPath)) return new ModelChoice(PhotoModel.DisplayName, Run(LoadPhoto(), PhotoModel.DisplayName, backend));
        if (File.Exists(nameOrPath))
        {
            var name = Path.GetFileNameWithoutExtension(nameOrPath);
            if (!IsOnnx(nameOrPath)) return new ModelChoice(name, Run(LoadFile(nameOrPath), name, backend));
            if (backend.IsEngine)
                throw new CliException(ExitCodes.Usage, $"{nameOrPath}: ONNX models run on --backend {Backend.OnnxRuntimeName}, not {Backend.EngineName}");
            return new ModelChoice(name, OnnxFailure(nameOrPath, () => OnnxRuntimeNetwork.Load(nameOrPath, backend.Threads)));
        }
        if (LooksLikePath(nameOrPath)) throw new CliException(ExitCodes.BadInput, $"{nameOrPath}: no such model file");
        if (KnownModels.All.Any(d => string.Equals(d.Name, nameOrPath, StringComparison.OrdinalIgnoreCase)))
            throw new CliException(ExitCodes.Usage,
                $"'{nameOrPath}' is an architecture (listed by superres models), not trained weights: train one (superres train) and pass its model.safetensors, or use {string.Join(", ", Names)} or the built-in model (no --model)");
        throw new CliException(ExitCodes.Usage,
            $"unknown model '{nameOrPath}'; use {string.Join(", ", Names)} or a model file (.safetensors, .pth, .mat, .onnx)");
    }

    /// <summary>The resolver for a name or file, for callers that need only the protocol view.</summary>
    public static ISuperResolver Create(string? nameOrPath) => Resolve(nameOrPath).CreateResolver();

    /// <summary>Our network (not bicubic, not ONNX) for <paramref name="nameOrPath"/>, null meaning the built-in one; for export.</summary>
    public static SuperResolutionModel LoadOurs(string? nameOrPath)
    {
        if (nameOrPath is null || string.Equals(nameOrPath, BuiltInModel.DisplayName, StringComparison.OrdinalIgnoreCase) && !File.Exists(nameOrPath))
            return DefaultModel.Load() ?? throw new CliException(ExitCodes.BadInput, "no built-in model is embedded in this build");
        if (IsPhoto(nameOrPath)) return LoadPhoto();
        if (!File.Exists(nameOrPath)) throw new CliException(ExitCodes.BadInput, $"{nameOrPath}: no such model file");
        if (IsOnnx(nameOrPath)) throw new CliException(ExitCodes.Usage, $"{nameOrPath}: already an ONNX model");
        return LoadFile(nameOrPath);
    }

    private static IInferenceNetwork Run(SuperResolutionModel model, string name, Backend backend) =>
        backend.IsOnnxRuntime ? OnnxFailure(name, () => OnnxRuntimeNetwork.FromModel(model, name, backend.Threads)) : new EngineNetwork(model);

    private static IInferenceNetwork OnnxFailure(string source, Func<IInferenceNetwork> load)
    {
        try
        {
            return load();
        }
        catch (OnnxFormatException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message, e);
        }
        catch (NotSupportedException e)
        {
            throw new CliException(ExitCodes.Usage, $"{source}: {e.Message}", e);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException)
        {
            throw new CliException(ExitCodes.InternalError, $"{source}: ONNX Runtime does not load here ({e.GetBaseException().Message.Split('\n')[0].Trim()})", e);
        }
    }

    private static bool IsPhoto(string name) => string.Equals(name, PhotoModel.DisplayName, StringComparison.OrdinalIgnoreCase) && !File.Exists(name);

    private static SuperResolutionModel LoadPhoto() => PhotoModel.Load() ?? throw new CliException(ExitCodes.BadInput,
        $"no photo model is embedded in this build; train it ({PhotoModel.TrainCommand}) and pass --model runs/photo-model/model.safetensors");

    private static bool IsOnnx(string path) => string.Equals(Path.GetExtension(path), ".onnx", StringComparison.OrdinalIgnoreCase);

    private static SuperResolutionModel LoadFile(string path)
    {
        try
        {
            // Our model files, published LapSRN weights (.mat) and community weights (.pth, plain .safetensors).
            return ModelLoader.Load(path);
        }
        catch (TorchCheckpointException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message, e);
        }
        catch (SafeTensorsException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message, e);
        }
        catch (MatFileException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            throw new CliException(ExitCodes.BadInput, $"{path}: not a usable model file ({e.Message})", e);
        }
    }

    private static bool LooksLikePath(string value) =>
        value.Contains('/') || value.Contains(Path.DirectorySeparatorChar) || Path.HasExtension(value);
}
