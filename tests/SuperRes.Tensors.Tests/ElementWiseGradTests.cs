namespace SuperRes.Tensors.Tests;

public class ElementWiseGradTests
{
    public static TheoryData<int[]> OddShapes => new() { new[] { 1, 3, 7, 5 }, new[] { 2, 13, 9, 11 } };

    [Theory, MemberData(nameof(OddShapes))]
    public void Add_Broadcast_MatchesFiniteDifferences(int[] shape)
    {
        var rng = new Rng(1);
        var a = GradCheck.Uniform(rng, -1, 1, shape);
        var b = GradCheck.Uniform(rng, -1, 1, 1, shape[1], 1, 1);
        GradCheck.Check(x => x[0] + x[1], [a, b]);
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void Sub_BroadcastLastAxis_MatchesFiniteDifferences(int[] shape)
    {
        var rng = new Rng(2);
        var a = GradCheck.Uniform(rng, -1, 1, shape);
        var b = GradCheck.Uniform(rng, -1, 1, shape[3]);
        GradCheck.Check(x => x[0] - x[1], [a, b]);
        GradCheck.Check(x => x[1] - x[0], [a, b]);
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void Mul_BroadcastBothSides_MatchesFiniteDifferences(int[] shape)
    {
        var rng = new Rng(3);
        var a = GradCheck.Uniform(rng, -1, 1, shape[0], shape[1], 1, shape[3]);
        var b = GradCheck.Uniform(rng, -1, 1, shape[0], 1, shape[2], 1);
        GradCheck.Check(x => x[0] * x[1], [a, b]);
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void Div_MatchesFiniteDifferences(int[] shape)
    {
        var rng = new Rng(4);
        var a = GradCheck.Uniform(rng, -1, 1, shape);
        var b = GradCheck.Uniform(rng, 0.5f, 1.5f, shape);
        var c = GradCheck.Uniform(rng, 0.5f, 1.5f, 1, shape[1], 1, 1);
        GradCheck.Check(x => x[0] / x[1], [a, b], eps: 1e-3);
        GradCheck.Check(x => x[0] / x[1], [a, c], eps: 1e-3);
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void ScalarOps_MatchFiniteDifferences(int[] shape)
    {
        var a = GradCheck.Uniform(new Rng(5), -1, 1, shape);
        GradCheck.Check(x => (x[0] * 3f + 2f) / 4f - 1f, [a]);
        GradCheck.Check(x => 2f - x[0], [a]);
        GradCheck.Check(x => -x[0], [a]);
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void SmoothUnary_MatchFiniteDifferences(int[] shape)
    {
        var rng = new Rng(6);
        var pos = GradCheck.Uniform(rng, 0.5f, 2f, shape);
        var any = GradCheck.Uniform(rng, -2f, 2f, shape);
        GradCheck.Check(x => Ops.Exp(x[0]), [any], eps: 1e-3);
        GradCheck.Check(x => Ops.Log(x[0]), [pos], eps: 1e-3);
        GradCheck.Check(x => Ops.Sqrt(x[0]), [pos], eps: 1e-3);
        GradCheck.Check(x => Ops.Pow(x[0], 2.5f), [pos], eps: 1e-3);
        GradCheck.Check(x => Ops.Sigmoid(x[0]), [any]);
        GradCheck.Check(x => Ops.Tanh(x[0]), [any]);
        GradCheck.Check(x => Ops.Square(x[0]), [any]);
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void PiecewiseUnary_MatchFiniteDifferences(int[] shape)
    {
        var rng = new Rng(7);
        var a = GradCheck.AwayFromZero(rng, shape);
        GradCheck.Check(x => Ops.Relu(x[0]), [a], eps: 1e-2);
        GradCheck.Check(x => Ops.LeakyRelu(x[0], 0.2f), [a], eps: 1e-2);
        GradCheck.Check(x => Ops.Abs(x[0]), [a], eps: 1e-2);
        // Kinks of clamp at ±0.55 are 0.05 away from the 0.1 grid only in expectation: use a small eps.
        GradCheck.Check(x => Ops.Clamp(x[0], -0.55f, 0.55f), [a], eps: 1e-4, atol: 5e-3);
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void PRelu_PerChannelAndShared_MatchFiniteDifferences(int[] shape)
    {
        var rng = new Rng(8);
        var a = GradCheck.AwayFromZero(rng, shape);
        var w = GradCheck.Uniform(rng, 0.1f, 0.4f, shape[1]);
        var w1 = GradCheck.Uniform(rng, 0.1f, 0.4f, 1);
        GradCheck.Check(x => Ops.PRelu(x[0], x[1]), [a, w]);
        GradCheck.Check(x => Ops.PRelu(x[0], x[1]), [a, w1]);
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void SumAndMean_OverAxes_MatchFiniteDifferences(int[] shape)
    {
        var a = GradCheck.Uniform(new Rng(9), -1, 1, shape);
        GradCheck.Check(x => Ops.Sum(x[0]), [a]);
        GradCheck.Check(x => Ops.Mean(x[0]), [a]);
        GradCheck.Check(x => Ops.Sum(x[0], [1], keepDim: true), [a]);
        GradCheck.Check(x => Ops.Mean(x[0], [0, 2, 3]), [a]);
        GradCheck.Check(x => Ops.Sum(x[0], [-1]), [a]);
    }

    [Theory, MemberData(nameof(OddShapes))]
    public void Reshape_MatchesFiniteDifferences(int[] shape)
    {
        var a = GradCheck.Uniform(new Rng(10), -1, 1, shape);
        GradCheck.Check(x => Ops.Reshape(x[0], shape[0], -1) * Ops.Flatten(x[0]), [a]);
    }
}
