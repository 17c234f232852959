using SuperRes.Tensors.Nn;
using SuperRes.Tensors.Serialization;

namespace SuperRes.Tensors.Tests;

public class ModuleTests
{
    public static TheoryData<int[]> LinearShapes => new() { new[] { 1, 7, 5 }, new[] { 13, 9, 11 } };

    [Theory, MemberData(nameof(LinearShapes))]
    public void LinearAndMatMul_MatchFiniteDifferences(int[] nkm)
    {
        var rng = new Rng(50);
        var x = GradCheck.Uniform(rng, -1, 1, nkm[0], nkm[1]);
        var w = GradCheck.Uniform(rng, -1, 1, nkm[2], nkm[1]);
        var b = GradCheck.Uniform(rng, -1, 1, nkm[2]);
        var m = GradCheck.Uniform(rng, -1, 1, nkm[1], nkm[2]);
        GradCheck.Check(t => Ops.Linear(t[0], t[1], t[2]), [x, w, b]);
        GradCheck.Check(t => Ops.MatMul(t[0], t[1]), [x, m]);
    }

    [Fact]
    public void KaimingNormal_HasHeStandardDeviation()
    {
        var w = Tensor.Empty(64, 32, 3, 3).Persist();
        Init.KaimingNormal(w, new Rng(51));
        var s = w.ToArray();
        double std = Math.Sqrt(s.Average(v => (double)v * v));
        Assert.Equal(Math.Sqrt(2.0 / (32 * 9)), std, 2);
    }

    [Fact]
    public void PyTorchDefault_BoundsAreOneOverSqrtFanIn()
    {
        using var conv = new Conv2d(4, 6, 3, new Rng(52));
        double bound = 1 / Math.Sqrt(4 * 9);
        Assert.All(conv.Weight.ToArray(), v => Assert.InRange(v, -bound, bound));
        Assert.All(conv.Bias!.ToArray(), v => Assert.InRange(v, -bound, bound));
        Assert.True(conv.Weight.ToArray().Max() > bound * 0.8);
    }

    [Fact]
    public void BilinearInit_TransposedConvUpsamplesConstantToConstantInterior()
    {
        using var up = new ConvTranspose2d(2, 2, 4, new Rng(53), stride: 2, padding: 1, bias: false);
        Init.Bilinear(up.Weight);
        using var tape = new Tape();
        var y = up.Forward(Tensor.Ones(1, 2, 5, 5));
        Assert.Equal(new[] { 1, 2, 10, 10 }, y.Shape.ToArray());
        for (int i = 1; i < 9; i++) Assert.Equal(1f, y[0, 1, i, 4], 5);
    }

    [Fact]
    public void StateDict_SafeTensorsRoundTrip_RestoresModule()
    {
        using var a = new Sequential(new Conv2d(3, 4, 3, new Rng(54)), new PReLU(4), new Linear(4, 2, new Rng(55)));
        using var b = new Sequential(new Conv2d(3, 4, 3, new Rng(56)), new PReLU(4), new Linear(4, 2, new Rng(57)));
        string path = Path.Combine(Path.GetTempPath(), $"mod-{Environment.ProcessId}.safetensors");
        try
        {
            SafeTensors.Save(path, a.StateDict());
            using var f = SafeTensors.Load(path);
            b.LoadStateDict(f.Tensors);
        }
        finally { File.Delete(path); }
        foreach (var ((na, pa), (nb, pb)) in a.NamedParameters().Zip(b.NamedParameters()))
        {
            Assert.Equal(na, nb);
            Assert.Equal(pa.ToArray(), pb.ToArray());
        }
    }

    [Fact]
    public void LoadStateDict_MissingName_Throws()
    {
        using var m = new Conv2d(1, 1, 1, new Rng(58));
        Assert.Throws<ArgumentException>(() => m.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = m.Weight }));
    }
}
