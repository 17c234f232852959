using System.Text.Json;
using System.Text.Json.Serialization;
using SuperRes.Evaluation;
using SuperRes.Models;
using SuperRes.Training.Degradation;

namespace SuperRes.Training;

/// <summary>
/// Everything a training run needs, read from configs/NAME.json (property names in camelCase).
/// Relative paths are taken from the current directory (run from the repository root).
/// </summary>
public sealed record TrainingConfig
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // A null where the config needs a value ("loss": null) is named by the reader, not met later as a crash.
        RespectNullableAnnotations = true,
        // A misspelt key ("stpes", "learningrate") is an error, not a silently ignored setting; nested objects too.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary><see cref="ModelOptions"/> is read with the architecture's own (PascalCase) names, unknown ones refused.</summary>
    private static readonly JsonSerializerOptions StrictModelOptions = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>Run name (the default output folder is runs/NAME).</summary>
    public string Name { get; init; } = "run";

    /// <summary>Architecture name in <see cref="KnownModels"/>.</summary>
    public string Model { get; init; } = "lapsrn";

    /// <summary>The architecture's options (its options record as JSON, PascalCase as the model files write them); Scale is set from <see cref="Scale"/>.</summary>
    public JsonElement? ModelOptions { get; init; }

    /// <summary>Start from these weights: a SuperRes model file (.safetensors) or published LapSRN (.mat).</summary>
    public string? Initialize { get; init; }

    public LossConfig Loss { get; init; } = new();

    /// <summary>Adversarial training (a pretrained generator in <see cref="Initialize"/>), or null.</summary>
    public GanConfig? Gan { get; init; }

    public int Scale { get; init; } = 4;
    public int PatchSize { get; init; } = 128;
    public int BatchSize { get; init; } = 16;
    public long Steps { get; init; } = 10000;
    public OptimizerConfig Optimizer { get; init; } = new();
    public long Seed { get; init; } = 1;
    public LrPrecision LrPrecision { get; init; } = LrPrecision.Float;
    public bool Flip { get; init; } = true;
    public bool Rotate { get; init; } = true;

    /// <summary>LapSRN's random shrink of the HR image: factor in [MinDownscale, 1].</summary>
    public double MinDownscale { get; init; } = 0.5;

    /// <summary>Train every LapSRN level against its own target (the paper's multi-scale loss).</summary>
    public bool MultiLevel { get; init; } = true;

    /// <summary>Real-ESRGAN's real-world degradation of the training LR (null: MATLAB bicubic); <c>{}</c> takes its defaults.</summary>
    public DegradationConfig? Degradation { get; init; }

    public string[] TrainFolders { get; init; } = ["../shared/datasets/T91", "../shared/datasets/BSD200"];
    public string ValidationFolder { get; init; } = "../shared/datasets/Set5";
    public long ValidationInterval { get; init; } = 1000;
    public long CheckpointInterval { get; init; } = 500;
    public long LogInterval { get; init; } = 10;

    /// <summary>Batches made ahead on the background thread.</summary>
    public int Prefetch { get; init; } = 4;

    public static TrainingConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such config file.", path);
        try
        {
            var config = JsonSerializer.Deserialize<TrainingConfig>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: the config is null.");
            config.Validate();
            return config;
        }
        catch (JsonException e) when (UnknownKey(e) is { } key)
        {
            throw new InvalidDataException($"{path}: unknown key '{key}' at {e.Path ?? "$"}{Suggestion(key, e.Path)}", e);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: invalid config: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The architecture's typed options with this config's scale.</summary>
    public ModelOptions CreateModelOptions()
    {
        var descriptor = KnownModels.Get(Model);
        if (ModelOptions is { } raw)
        {
            try
            {
                JsonSerializer.Deserialize(raw.GetRawText(), descriptor.OptionsType, StrictModelOptions);
            }
            catch (JsonException e) when (UnknownKey(e) is { } key)
            {
                throw new ArgumentException($"modelOptions: unknown key '{key}' for {descriptor.Name} (known: {string.Join(", ", descriptor.OptionsType.GetProperties().Select(p => p.Name))}).", e);
            }
        }
        var options = ModelOptions is { } element ? descriptor.ParseOptions(element.GetRawText()) : descriptor.DefaultOptions;
        options = options with { Scale = Scale };
        options.Validate();
        return options;
    }

    /// <summary>Checks every field; the message names the field (JSON name) and what is wrong.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Name), "name must be a non-empty string.");
        Require(!string.IsNullOrWhiteSpace(Model), "model must name an architecture (see superres models).");
        Require(Loss is not null, "loss is missing.");
        Require(Optimizer is not null, "optimizer is missing.");
        Require(Scale is >= 2 and <= 16, $"scale {Scale} must be between 2 and 16.");
        Require(Steps >= 1, $"steps {Steps} must be positive.");
        Require(BatchSize is >= 1 and <= 4096, $"batchSize {BatchSize} must be between 1 and 4096.");
        Require(PatchSize >= Scale && PatchSize <= 4096 && PatchSize % Scale == 0, $"patchSize {PatchSize} must be a multiple of scale {Scale} (at most 4096).");
        Require(MinDownscale is > 0 and <= 1, $"minDownscale {MinDownscale} must lie in (0, 1].");
        Require(ValidationInterval >= 0, $"validationInterval {ValidationInterval} must not be negative.");
        Require(CheckpointInterval >= 0, $"checkpointInterval {CheckpointInterval} must not be negative.");
        Require(LogInterval >= 1, $"logInterval {LogInterval} must be at least 1.");
        Require(Prefetch is >= 0 and <= 64, $"prefetch {Prefetch} must be between 0 and 64.");
        Require(TrainFolders is { Length: > 0 } && TrainFolders.All(f => !string.IsNullOrWhiteSpace(f)), "trainFolders must list at least one folder.");
        Require(ValidationInterval == 0 || !string.IsNullOrWhiteSpace(ValidationFolder), "validationFolder is needed when validationInterval is not 0.");
        Require(Initialize is null || Initialize.Length > 0, "initialize must be a model file path.");
        Optimizer!.Validate(Steps);
        Loss!.Validate();
        Gan?.Validate();
        if (Loss.IsFgdl) Loss.Fgdl.Validate();
        else if (Loss.IsFgdlFaithful) Require(string.Equals(Model, KnownModels.LapSrnName, StringComparison.OrdinalIgnoreCase), $"loss.kind fgdl-faithful replaces LapSRN's residual convs; model {Model} is not lapsrn.");
        else Loss.CreateContentLoss(); // validates its options and names an unknown kind when the config is read, not at the first step
        Require(Gan is null || !(Loss.IsFgdl || Loss.IsFgdlFaithful), "gan: GAN training with FGDL heads is not supported.");
        Require(Degradation is null || !(MultiLevel && string.Equals(Model, KnownModels.LapSrnName, StringComparison.OrdinalIgnoreCase)),
            "degradation: set multiLevel to false; the real-world degradation makes one LR input, not LapSRN's intermediate targets.");
        Degradation?.Validate();
        CreateModelOptions();
    }

    /// <summary>The key System.Text.Json could not map (its message says "The JSON property 'KEY' could not be mapped ..."), or null.</summary>
    private static string? UnknownKey(JsonException e)
    {
        const string Start = "The JSON property '";
        var message = e.Message;
        int i = message.IndexOf(Start, StringComparison.Ordinal);
        int j = i < 0 ? -1 : message.IndexOf("' could not be mapped", i, StringComparison.Ordinal);
        return i < 0 || j < 0 ? null : message[(i + Start.Length)..j];
    }

    /// <summary>" (did you mean 'steps'?)" for a top-level key close to a known one, else empty.</summary>
    private static string Suggestion(string key, string? jsonPath)
    {
        if (jsonPath is not null && jsonPath.Count(c => c == '.') > 1) return "";
        var names = typeof(TrainingConfig).GetProperties().Where(p => p.CanWrite).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));
        var best = names.MinBy(n => Distance(n.ToLowerInvariant(), key.ToLowerInvariant()));
        return best is not null && Distance(best.ToLowerInvariant(), key.ToLowerInvariant()) <= 2 ? $" (did you mean '{best}'?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    internal static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException(message);
    }
}
