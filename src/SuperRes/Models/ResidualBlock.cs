using SuperRes.Tensors;
using SuperRes.Tensors.Nn;

namespace SuperRes.Models;

/// <summary>
/// conv 3x3 - ReLU - conv 3x3, scaled and added to the input; no batch normalisation
/// (the EDSR block, Lim et al. 2017; also the R blocks of <see cref="ResUNet"/>).
/// </summary>
public sealed class ResidualBlock : Module
{
    private readonly Conv2d _conv1, _conv2;
    private readonly float _residualScale;

    public ResidualBlock(int width, Rng rng, float residualScale = 1f)
    {
        _conv1 = RegisterModule("conv1", new Conv2d(width, width, 3, rng, padding: 1));
        _conv2 = RegisterModule("conv2", new Conv2d(width, width, 3, rng, padding: 1));
        _residualScale = residualScale;
    }

    internal Conv2d Conv1 => _conv1;
    internal Conv2d Conv2 => _conv2;
    internal float ResidualScale => _residualScale;

    public override Tensor Forward(Tensor x)
    {
        var r = _conv2.Forward(Ops.Relu(_conv1.Forward(x)));
        if (_residualScale != 1f) r = Ops.MulScalar(r, _residualScale);
        return Ops.Add(x, r);
    }
}
