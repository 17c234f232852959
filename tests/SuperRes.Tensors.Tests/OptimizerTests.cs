using SuperRes.Tensors.Nn;
using SuperRes.Tensors.Optim;

namespace SuperRes.Tensors.Tests;

public sealed class OptimizerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("opt-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static Tensor Param(params float[] v)
    {
        var p = Tensor.FromArray(v, v.Length).Persist();
        p.RequiresGrad = true;
        return p;
    }

    private static void SetGrad(Tensor p, params float[] g)
    {
        using var tape = new Tape();
        Ops.Sum(p * Tensor.FromArray(g, g.Length)).Backward();
    }

    [Fact]
    public void Sgd_MomentumAndWeightDecay_FollowPyTorchRecurrence()
    {
        var p = Param(1f);
        using var opt = new Sgd([p], 0.1, momentum: 0.9, weightDecay: 0.5);
        double w = 1, buf = 0;
        for (int t = 0; t < 4; t++)
        {
            opt.ZeroGrad();
            SetGrad(p, 2f);
            double d = 2 + 0.5 * w;
            buf = t == 0 ? d : 0.9 * buf + d;
            w -= 0.1 * buf;
            opt.Step();
            Assert.Equal(w, p[0], 1e-5);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Adam_MatchesReferenceFormula(bool decoupled)
    {
        var p = Param(0.5f, -1f);
        using var opt = new Adam([p], 0.01, weightDecay: 0.1, decoupled: decoupled);
        double[] w = [0.5, -1], m = [0, 0], v = [0, 0];
        float[][] grads = [[0.3f, -0.2f], [0.1f, 0.4f], [-0.5f, 0.05f]];
        for (int t = 1; t <= grads.Length; t++)
        {
            opt.ZeroGrad();
            SetGrad(p, grads[t - 1]);
            opt.Step();
            for (int i = 0; i < 2; i++)
            {
                double g = grads[t - 1][i];
                if (decoupled) w[i] *= 1 - 0.01 * 0.1; else g += 0.1 * w[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mh = m[i] / (1 - Math.Pow(0.9, t)), vh = v[i] / (1 - Math.Pow(0.999, t));
                w[i] -= 0.01 * mh / (Math.Sqrt(vh) + 1e-8);
                Assert.Equal(w[i], p[i], 1e-5);
            }
        }
    }

    [Fact]
    public void Adam_SaveLoad_ResumesBitExact()
    {
        float[] RunTraining(int stopAt, string? resumeFrom, string? saveTo)
        {
            var rng = new Rng(11);
            using var net = new Sequential(new Conv2d(2, 3, 3, rng, padding: 1), new Tanh(), new Conv2d(3, 2, 1, rng));
            var x = Tensor.RandomNormal(rng, 0, 1, 1, 2, 5, 5).Persist();
            using var opt = new Adam(net.Parameters(), 1e-2);
            int start = 0;
            if (resumeFrom != null)
            {
                using (var f = Serialization.SafeTensors.Load(resumeFrom + ".model")) net.LoadStateDict(f.Tensors);
                opt.Load(resumeFrom + ".opt");
                start = (int)opt.StepCount;
            }
            var schedule = new LinearWarmup(2, new CosineLr(10));
            for (int s = start; s < stopAt; s++)
            {
                using var tape = new Tape();
                schedule.Apply(opt, 1e-2);
                opt.ZeroGrad();
                Ops.Mean(Ops.Square(net.Forward(x) - x)).Backward();
                opt.Step();
            }
            if (saveTo != null)
            {
                Serialization.SafeTensors.Save(saveTo + ".model", net.StateDict());
                opt.Save(saveTo + ".opt");
            }
            return net.Parameters().SelectMany(p => p.ToArray()).ToArray();
        }
        var straight = RunTraining(8, null, null);
        string ck = Path.Combine(_dir, "ck");
        RunTraining(3, null, ck);
        var resumed = RunTraining(8, ck, null);
        Assert.Equal(straight, resumed);
    }

    [Fact]
    public void ClipByGlobalNorm_ScalesToMaxNorm()
    {
        var a = Param(0, 0);
        var b = Param(0);
        SetGrad(a, 3, 0);
        SetGrad(b, 4);
        double norm = GradientClipping.ClipByGlobalNorm([a, b], 1.0);
        Assert.Equal(5, norm, 5);
        double after = Math.Sqrt(a.Grad!.ToArray().Concat(b.Grad!.ToArray()).Sum(v => v * v));
        Assert.Equal(1, after, 4);
        Assert.Equal(0.6, a.Grad![0], 4);
    }

    [Fact]
    public void Schedules_FollowDefinitions()
    {
        Assert.Equal(0.01, new StepLr(10, 0.1).Factor(25), 10);
        Assert.Equal(0.1, new MultiStepLr([5, 20], 0.1).Factor(19), 10);
        Assert.Equal(0.01, new MultiStepLr([5, 20], 0.1).Factor(20), 10);
        Assert.Equal(0.5, new CosineLr(100).Factor(50), 10);
        Assert.Equal(0.1, new CosineLr(100, 0.1).Factor(100), 10);
        var warm = new LinearWarmup(4, new StepLr(2, 0.5));
        Assert.Equal(new[] { 0.25, 0.5, 0.75, 1, 1, 1, 0.5 }, Enumerable.Range(0, 7).Select(s => warm.Factor(s)).ToArray());
        Assert.Equal(0.25, new StepLr(1, 0.5).Then(new StepLr(1, 0.5)).Factor(1), 10);
    }
}
