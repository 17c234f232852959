using SuperRes.Evaluation;

namespace SuperRes.Cli;

/// <summary>The models the command line knows by name. Add a line per model.</summary>
public static class ModelCatalog
{
    private static readonly Dictionary<string, Func<ISuperResolver>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bicubic"] = () => new BicubicSuperResolver(),
    };

    public static IEnumerable<string> Names => Factories.Keys;

    public static ISuperResolver Create(string name) =>
        Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new CliException(ExitCodes.Usage, $"unknown model '{name}'; known models: {string.Join(", ", Names)}");
}
