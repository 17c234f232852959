namespace SuperRes.Training.Data;

/// <summary>A dense NCHW float32 buffer and its shape.</summary>
public sealed record BatchArray(float[] Data, int N, int C, int H, int W)
{
    public int[] Shape => [N, C, H, W];

    public static BatchArray Zeros(int n, int c, int h, int w) => new(new float[checked(n * c * h * w)], n, c, h, w);
}
