namespace SuperRes.Models;

/// <summary>The catalogue of architectures: name to constructor and typed options.</summary>
public static class KnownModels
{
    internal const string LapSrnName = "lapsrn";
    internal const string SrcnnName = "srcnn";
    internal const string FsrcnnName = "fsrcnn";
    internal const string VdsrName = "vdsr";
    internal const string EdsrName = "edsr-baseline";
    internal const string ResUNetName = "resunet";

    public static ModelDescriptor LapSrn { get; } = new ModelDescriptor<LapSrnOptions>(LapSrnName,
        "Lai et al., Deep Laplacian Pyramid Networks for Fast and Accurate Super-Resolution, CVPR 2017",
        (o, rng) => new LapSrn(o, rng));

    public static ModelDescriptor Srcnn { get; } = new ModelDescriptor<SrcnnOptions>(SrcnnName,
        "Dong et al., Image Super-Resolution Using Deep Convolutional Networks, TPAMI 2016",
        (o, rng) => new Srcnn(o, rng));

    public static ModelDescriptor Fsrcnn { get; } = new ModelDescriptor<FsrcnnOptions>(FsrcnnName,
        "Dong et al., Accelerating the Super-Resolution Convolutional Neural Network, ECCV 2016",
        (o, rng) => new Fsrcnn(o, rng));

    public static ModelDescriptor Vdsr { get; } = new ModelDescriptor<VdsrOptions>(VdsrName,
        "Kim et al., Accurate Image Super-Resolution Using Very Deep Convolutional Networks, CVPR 2016",
        (o, rng) => new Vdsr(o, rng));

    public static ModelDescriptor EdsrBaseline { get; } = new ModelDescriptor<EdsrOptions>(EdsrName,
        "Lim et al., Enhanced Deep Residual Networks for Single Image Super-Resolution, CVPRW 2017",
        (o, rng) => new Edsr(o, rng));

    public static ModelDescriptor ResUNet { get; } = new ModelDescriptor<ResUNetOptions>(ResUNetName,
        "Korobchenko and Foco, Single Image Super-Resolution Using Deep Learning, NVIDIA 2017",
        (o, rng) => new ResUNet(o, rng));

    public static IReadOnlyList<ModelDescriptor> All { get; } = [LapSrn, Srcnn, Fsrcnn, Vdsr, EdsrBaseline, ResUNet];

    /// <summary>The architecture named <paramref name="name"/> (case-insensitive).</summary>
    public static ModelDescriptor Get(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model '{name}'. Known: {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));
}
