using SuperRes.Models.Fgdl;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Training;

/// <summary>Builds the network and the step a <see cref="TrainingConfig"/> describes.</summary>
public static class TrainingSteps
{
    public static ITrainingStep Create(TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var network = CreateNetwork(config);
        try
        {
            var seed = (ulong)config.Seed;
            if (config.Loss.IsFgdlFaithful)
                return new SupervisedStep(FgdlFaithfulNetwork.Create(network, config.Loss.FaithfulOptions, new Rng(seed).Fork(1)), config.Loss, config.Optimizer);
            if (config.Loss.IsFgdl)
            {
                var fgdl = FgdlNetwork.Create(network, config.Loss.Fgdl, new Rng(seed).Fork(1));
                return new SupervisedStep(fgdl, config.Loss, config.Optimizer);
            }
            if (config.Gan is { } gan)
                return new GanStep(network, config.Loss, config.Optimizer, gan, network.Channels, new Rng(seed).Fork(2));
            return new SupervisedStep(network, config.Loss, config.Optimizer);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>A freshly initialised network (seeded), or the weights of <see cref="TrainingConfig.Initialize"/>.</summary>
    public static SuperResolutionModel CreateNetwork(TrainingConfig config)
    {
        SuperResolutionModel network;
        if (config.Initialize is { } path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: initial weights not found.", path);
            network = Path.GetExtension(path).Equals(".mat", StringComparison.OrdinalIgnoreCase)
                ? LapSrnWeights.Load(path)
                : ModelFile.Load(path);
            if (network.Scale != config.Scale || !string.Equals(network.Architecture, config.Model, StringComparison.OrdinalIgnoreCase))
            {
                var found = $"{network.Architecture} x{network.Scale}";
                network.Dispose();
                throw new InvalidDataException($"{path} holds {found}; the config trains {config.Model} x{config.Scale}.");
            }
        }
        else
        {
            network = KnownModels.Get(config.Model).Create(config.CreateModelOptions(), new Rng((ulong)config.Seed));
        }
        return network;
    }
}
