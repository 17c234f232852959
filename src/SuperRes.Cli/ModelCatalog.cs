using SuperRes.Evaluation;
using SuperRes.Models;
using SuperRes.Tensors.Serialization;
using SuperRes.Weights;
using SuperRes.Weights.Torch;

namespace SuperRes.Cli;

/// <summary>
/// Resolves <c>--model</c>: <c>bicubic</c>, a model file (our safetensors, which carries its
/// architecture), published LapSRN weights (MatConvNet .mat), community weights (PyTorch .pth or
/// plain .safetensors of RRDBNet, SRVGGNetCompact or SPAN; see <see cref="ModelLoader"/>), or
/// nothing (the <see cref="DefaultModel"/>). Every command loads its model here.
/// </summary>
public static class ModelCatalog
{
    public const string BicubicName = "bicubic";

    public static IEnumerable<string> Names => [BicubicName];

    /// <summary>The method for <paramref name="nameOrPath"/>; null means the default (with a <see cref="ModelChoice.Note"/> if it falls back).</summary>
    public static ModelChoice Resolve(string? nameOrPath)
    {
        if (nameOrPath is null)
        {
            var model = DefaultModel.Load();
            if (model is not null) return new ModelChoice(BuiltInModel.DisplayName, model);
            return new ModelChoice(BicubicName, null) { Note = DefaultModel.FallbackNote };
        }
        if (string.Equals(nameOrPath, BicubicName, StringComparison.OrdinalIgnoreCase)) return new ModelChoice(BicubicName, null);
        if (File.Exists(nameOrPath)) return new ModelChoice(Path.GetFileNameWithoutExtension(nameOrPath), LoadFile(nameOrPath));
        if (LooksLikePath(nameOrPath)) throw new CliException(ExitCodes.BadInput, $"{nameOrPath}: no such model file");
        throw new CliException(ExitCodes.Usage,
            $"unknown model '{nameOrPath}'; use {string.Join(", ", Names)} or a model file (.safetensors, .pth, .mat)");
    }

    /// <summary>The resolver for a name or file, for callers that need only the protocol view.</summary>
    public static ISuperResolver Create(string? nameOrPath) => Resolve(nameOrPath).CreateResolver();

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
