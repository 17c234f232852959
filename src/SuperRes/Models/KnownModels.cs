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
    internal const string ResUNetLrName = "resunet-lr";
    internal const string RrdbNetName = "rrdbnet";
    internal const string SrVggNetCompactName = "srvggnet-compact";
    internal const string SpanName = "span";

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

    public static ModelDescriptor ResUNetLr { get; } = new ModelDescriptor<ResUNetLrOptions>(ResUNetLrName,
        "Korobchenko and Foco, Single Image Super-Resolution Using Deep Learning, NVIDIA 2017 (the DNN on the LR image, ending in upsampling)",
        (o, rng) => new ResUNetLr(o, rng));

    public static ModelDescriptor RrdbNet { get; } = new ModelDescriptor<RrdbNetOptions>(RrdbNetName,
        "Wang et al., ESRGAN: Enhanced Super-Resolution Generative Adversarial Networks, ECCVW 2018",
        (o, rng) => new RrdbNet(o, rng));

    public static ModelDescriptor SrVggNetCompact { get; } = new ModelDescriptor<SrVggNetCompactOptions>(SrVggNetCompactName,
        "Wang et al., Real-ESRGAN: Training Real-World Blind Super-Resolution with Pure Synthetic Data, ICCVW 2021",
        (o, rng) => new SrVggNetCompact(o, rng));

    public static ModelDescriptor Span { get; } = new ModelDescriptor<SpanOptions>(SpanName,
        "Wan et al., Swift Parameter-free Attention Network for Efficient Super-Resolution, CVPRW 2024",
        (o, rng) => new SpanNet(o, rng));

    public static IReadOnlyList<ModelDescriptor> All { get; } =
        [LapSrn, Srcnn, Fsrcnn, Vdsr, EdsrBaseline, ResUNet, ResUNetLr, RrdbNet, SrVggNetCompact, Span];

    /// <summary>The architecture named <paramref name="name"/> (case-insensitive).</summary>
    public static ModelDescriptor Get(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model '{name}'. Known: {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));
}
