using System.Globalization;
using SuperRes.Models.Fgdl;
using SuperRes.Tensors;
using SuperRes.Tensors.Serialization;

namespace SuperRes.Models;

/// <summary>
/// Our model files: safetensors holding the parameters under their module names, and in
/// <c>__metadata__</c> the architecture, its options as JSON and the scale, so that a file alone
/// rebuilds the network. A network trained with an FGDL reading (<see cref="IFgdlModel"/>) keeps the
/// wrapped architecture and adds its FGDL options under <c>fgdl</c>; it loads with its heads.
/// </summary>
public static class ModelFile
{
    public const string FormatKey = "format";
    public const string FormatValue = "superres-model/1";
    public const string ArchitectureKey = "architecture";
    public const string OptionsKey = "options";
    public const string ScaleKey = "scale";
    public const string FgdlKey = "fgdl";

    public static void Save(string path, SuperResolutionModel model, IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var descriptor = KnownModels.Get(model.Architecture);
        var metadata = new Dictionary<string, string>(extraMetadata ?? new Dictionary<string, string>())
        {
            [FormatKey] = FormatValue,
            [ArchitectureKey] = model.Architecture,
            [OptionsKey] = descriptor.SerializeOptions(model.Options),
            [ScaleKey] = model.Scale.ToString(CultureInfo.InvariantCulture),
        };
        if (model is IFgdlModel fgdl) metadata[FgdlKey] = fgdl.FgdlOptions.ToJson();
        else metadata.Remove(FgdlKey);
        SafeTensors.Save(path, model.NamedParameters().Select(p => KeyValuePair.Create(p.Name, p.Parameter)), metadata);
    }

    /// <summary>Rebuilds the network a file describes and loads its parameters.</summary>
    public static SuperResolutionModel Load(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Load(stream, path);
    }

    /// <summary>Rebuilds the network from a seekable stream; <paramref name="path"/> names it in errors.</summary>
    public static SuperResolutionModel Load(Stream stream, string path)
    {
        using var file = SafeTensors.Load(stream, path);
        string Get(string key) => file.Metadata.TryGetValue(key, out var v)
            ? v
            : throw new SafeTensorsException(path, $"metadata has no '{key}': not a SuperRes model file.");
        if (Get(FormatKey) != FormatValue)
            throw new SafeTensorsException(path, $"model format '{Get(FormatKey)}' is not '{FormatValue}'.");
        ModelDescriptor descriptor;
        ModelOptions options;
        FgdlOptions? fgdlOptions;
        try
        {
            descriptor = KnownModels.Get(Get(ArchitectureKey));
            options = descriptor.ParseOptions(Get(OptionsKey));
            fgdlOptions = file.Metadata.TryGetValue(FgdlKey, out var fgdlJson) ? FgdlOptions.FromJson(fgdlJson) : null;
        }
        catch (ArgumentException ex)
        {
            throw new SafeTensorsException(path, ex.Message);
        }
        if (Get(ScaleKey) != options.Scale.ToString(CultureInfo.InvariantCulture))
            throw new SafeTensorsException(path, $"scale {Get(ScaleKey)} disagrees with the options' scale {options.Scale}.");
        var model = descriptor.Create(options, new Rng(0));
        try
        {
            if (fgdlOptions is not null) model = FgdlModels.Create(model, fgdlOptions, new Rng(0));
            model.LoadStateDict(file.Tensors);
            return model;
        }
        catch (ArgumentException ex)
        {
            model.Dispose();
            throw new SafeTensorsException(path, "parameters do not fit the architecture: " + ex.Message);
        }
    }
}
