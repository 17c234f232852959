namespace SuperRes.Processing;

/// <summary>
/// An interpolation kernel for <see cref="Imresize"/>, as MATLAB's <c>imresize</c> defines it:
/// a function of the distance in input pixels, its support width, and whether it is antialiased
/// (stretched by <c>1/scale</c>) when shrinking. Instances live in <see cref="KnownResizeKernels"/>.
/// </summary>
public sealed class ResizeKernel
{
    private readonly Func<double, double> _function;

    public ResizeKernel(string name, double width, bool antialiasWhenShrinking, Func<double, double> function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentNullException.ThrowIfNull(function);
        Name = name;
        Width = width;
        AntialiasWhenShrinking = antialiasWhenShrinking;
        _function = function;
    }

    public string Name { get; }

    /// <summary>Support width in input pixels at scale 1 (4 for bicubic).</summary>
    public double Width { get; }

    /// <summary>MATLAB's default for the 'Antialiasing' option: true except for nearest.</summary>
    public bool AntialiasWhenShrinking { get; }

    public double Evaluate(double x) => _function(x);

    public override string ToString() => Name;
}
