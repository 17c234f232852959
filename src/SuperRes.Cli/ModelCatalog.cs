using SuperRes.Evaluation;
using SuperRes.Models;
using SuperRes.Tensors.Serialization;
using SuperRes.Weights;

namespace SuperRes.Cli;

/// <summary>
/// Resolves <c>--model</c>: <c>bicubic</c>, a model file (our safetensors, which carries its
/// architecture), published LapSRN weights (MatConvNet .mat), or nothing (the <see cref="DefaultModel"/>).
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
        if (KnownModels.All.Any(d => string.Equals(d.Name, nameOrPath, StringComparison.OrdinalIgnoreCase)))
            throw new CliException(ExitCodes.Usage,
                $"'{nameOrPath}' is an architecture (listed by superres models), not trained weights: train one (superres train) and pass its model.safetensors, or use {string.Join(", ", Names)} or the built-in model (no --model)");
        throw new CliException(ExitCodes.Usage,
            $"unknown model '{nameOrPath}'; use {string.Join(", ", Names)} or a model file (.safetensors)");
    }

    /// <summary>The resolver for a name or file, for callers that need only the protocol view.</summary>
    public static ISuperResolver Create(string? nameOrPath) => Resolve(nameOrPath).CreateResolver();

    private static SuperResolutionModel LoadFile(string path)
    {
        try
        {
            // MatConvNet .mat files are the published LapSRN weights (DagNN); everything else is our safetensors.
            return string.Equals(Path.GetExtension(path), ".mat", StringComparison.OrdinalIgnoreCase)
                ? LapSrnWeights.Load(path)
                : ModelFile.Load(path);
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
