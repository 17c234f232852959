using SuperRes.Tensors;

namespace SuperRes.Models;

/// <summary>A <see cref="ModelDescriptor"/> whose options are <typeparamref name="TOptions"/>.</summary>
internal sealed class ModelDescriptor<TOptions>(string name, string paper, Func<TOptions, Rng, SuperResolutionModel> create)
    : ModelDescriptor(name, paper)
    where TOptions : ModelOptions, new()
{
    public override Type OptionsType => typeof(TOptions);

    public override ModelOptions DefaultOptions => new TOptions();

    public override SuperResolutionModel Create(ModelOptions options, Rng rng)
    {
        if (options is not TOptions typed)
            throw new ArgumentException($"{Name} needs {typeof(TOptions).Name}, got {options?.GetType().Name ?? "null"}.", nameof(options));
        ArgumentNullException.ThrowIfNull(rng);
        return create(typed, rng);
    }
}
