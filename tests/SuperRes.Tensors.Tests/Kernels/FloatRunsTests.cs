using SuperRes.Tensors.Kernels;

namespace SuperRes.Tensors.Tests.Kernels;

/// <summary><see cref="FloatRuns"/> against Span's CopyTo and Clear: every count up to 70, at every offset in a vector.</summary>
public sealed unsafe class FloatRunsTests
{
    [Fact]
    public void Copy_EqualsSpanCopy_AndTouchesNothingElse()
    {
        var random = new Random(5);
        for (int count = 0; count <= 70; count++)
            for (int offset = 0; offset < 17; offset++)
            {
                var source = new float[count + offset + 20];
                for (int i = 0; i < source.Length; i++) source[i] = (float)random.NextDouble();
                var expected = Enumerable.Repeat(-1f, count + 40).ToArray();
                var actual = (float[])expected.Clone();
                source.AsSpan(offset, count).CopyTo(expected.AsSpan(3 + offset % 5, count));
                fixed (float* s = source, d = actual) FloatRuns.Copy(s + offset, d + 3 + offset % 5, count);
                Assert.Equal(expected, actual);
            }
    }

    [Fact]
    public void Zero_EqualsSpanClear_AndTouchesNothingElse()
    {
        for (int count = 0; count <= 70; count++)
            for (int offset = 0; offset < 17; offset++)
            {
                var expected = Enumerable.Range(0, count + 40).Select(i => i + 0.5f).ToArray();
                var actual = (float[])expected.Clone();
                expected.AsSpan(offset, count).Clear();
                fixed (float* d = actual) FloatRuns.Zero(d + offset, count);
                Assert.Equal(expected, actual);
            }
    }
}
