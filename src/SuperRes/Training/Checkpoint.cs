using System.Globalization;
using System.Text.Json;
using SuperRes.Tensors.IO;
using SuperRes.Tensors.Serialization;

namespace SuperRes.Training;

/// <summary>
/// A checkpoint folder: each module's parameters and each optimiser's state as safetensors, and
/// state.json (step, seed; the data stream needs nothing more, batches being a function of seed and
/// step). Written atomically: a fresh folder is filled, then swapped in by renames, so a crash at
/// any point leaves a complete checkpoint (checkpoint/ or, mid-swap, checkpoint.old/).
/// </summary>
public static class Checkpoint
{
    public const string FolderName = "checkpoint";

    public sealed record State(long Step, long Seed, string Config, double LastValidationPsnr);

    public static void Save(string outputDirectory, ITrainingStep step, State state)
    {
        var final = Path.Combine(outputDirectory, FolderName);
        var temp = final + ".tmp";
        var old = final + ".old";
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        Directory.CreateDirectory(temp);
        var meta = new Dictionary<string, string> { ["step"] = state.Step.ToString(CultureInfo.InvariantCulture) };
        foreach (var (name, module) in step.Modules)
            SafeTensors.Save(Path.Combine(temp, name + ".safetensors"), module.NamedParameters().Select(p => KeyValuePair.Create(p.Name, p.Parameter)), meta);
        foreach (var (name, optimizer) in step.Optimizers)
            optimizer.Save(Path.Combine(temp, name + ".safetensors"));
        DurableFile.WriteAllText(Path.Combine(temp, "state.json"), JsonSerializer.Serialize(state, TrainingConfig.Json));
        DurableFile.FlushFolder(temp);
        // Swap so that a complete checkpoint exists at every instant: checkpoint.old/ is dropped only
        // while checkpoint/ is complete, and checkpoint/ is moved aside only once the new one is written.
        if (Directory.Exists(final))
        {
            if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
            Directory.Move(final, old);
        }
        Directory.Move(temp, final);
        DurableFile.FlushFolder(outputDirectory);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
    }

    /// <summary>The folder to resume from (checkpoint/, or checkpoint.old/ after a crash mid-swap), or null.</summary>
    public static string? Find(string outputDirectory)
    {
        foreach (var name in new[] { FolderName, FolderName + ".old" })
        {
            var dir = Path.Combine(outputDirectory, name);
            if (File.Exists(Path.Combine(dir, "state.json"))) return dir;
        }
        return null;
    }

    /// <summary>Restores modules and optimisers; returns the saved state.</summary>
    public static State Load(string folder, ITrainingStep step)
    {
        var statePath = Path.Combine(folder, "state.json");
        var state = JsonSerializer.Deserialize<State>(File.ReadAllText(statePath), TrainingConfig.Json)
            ?? throw new InvalidDataException($"{statePath}: empty checkpoint state.");
        foreach (var (name, module) in step.Modules)
        {
            var path = Path.Combine(folder, name + ".safetensors");
            using var file = SafeTensors.Load(path);
            try
            {
                module.LoadStateDict(file.Tensors);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{path}: {e.Message}", e);
            }
        }
        foreach (var (name, optimizer) in step.Optimizers) optimizer.Load(Path.Combine(folder, name + ".safetensors"));
        return state;
    }
}
