using SuperRes.Inference;

namespace SuperRes.Tests.Inference;

public sealed class DihedralTransformTests
{
    [Fact]
    public void Invert_AfterApply_GivesTheInputBack()
    {
        var data = Enumerable.Range(0, 2 * 3 * 5).Select(i => (float)i).ToArray();
        var seen = new HashSet<string>();
        for (int t = 0; t < DihedralTransform.Count; t++)
        {
            var (x, h, w) = DihedralTransform.Apply(data, 2, 3, 5, t);
            Assert.Equal(t % 2 == 0 ? (3, 5) : (5, 3), (h, w));
            seen.Add(string.Join(",", x));
            var (back, h0, w0) = DihedralTransform.Invert(x, 2, h, w, t);
            Assert.Equal((3, 5), (h0, w0));
            Assert.Equal(data, back);
        }
        Assert.Equal(8, seen.Count); // eight different transforms
    }

    [Fact]
    public void Apply_QuarterTurn_RotatesClockwise()
    {
        // [[0 1 2], [3 4 5]] turned clockwise is [[3 0], [4 1], [5 2]].
        var (x, h, w) = DihedralTransform.Apply([0, 1, 2, 3, 4, 5], 1, 2, 3, 1);
        Assert.Equal((3, 2), (h, w));
        Assert.Equal([3f, 0, 4, 1, 5, 2], x);
    }
}
