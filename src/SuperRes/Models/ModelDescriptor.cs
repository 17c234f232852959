using System.Text.Json;
using SuperRes.Tensors;

namespace SuperRes.Models;

/// <summary>One architecture of <see cref="KnownModels"/>: its name, paper, options type and constructor.</summary>
public abstract class ModelDescriptor
{
    private protected static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private protected ModelDescriptor(string name, string paper)
    {
        Name = name;
        Paper = paper;
    }

    public string Name { get; }
    public string Paper { get; }
    public abstract Type OptionsType { get; }

    /// <summary>The options with every setting at its default (the paper's configuration).</summary>
    public abstract ModelOptions DefaultOptions { get; }

    /// <summary>Builds a freshly initialised network; <paramref name="options"/> must be of <see cref="OptionsType"/>.</summary>
    public abstract SuperResolutionModel Create(ModelOptions options, Rng rng);

    /// <summary>Reads options written by <see cref="SerializeOptions"/>.</summary>
    public ModelOptions ParseOptions(string json)
    {
        try
        {
            var options = (ModelOptions?)JsonSerializer.Deserialize(json, OptionsType, Json)
                ?? throw new ArgumentException($"Options of {Name} are null.");
            options.Validate();
            return options;
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Invalid options for {Name}: {ex.Message}", nameof(json), ex);
        }
    }

    public string SerializeOptions(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return JsonSerializer.Serialize(options, options.GetType(), Json);
    }

    public override string ToString() => Name;
}
