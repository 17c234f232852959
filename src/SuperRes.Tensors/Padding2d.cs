namespace SuperRes.Tensors;

/// <summary>Zero padding (or crop, for transposed convolution) on the four sides of an image.</summary>
public readonly record struct Padding2d(int Top, int Left, int Bottom, int Right)
{
    public static Padding2d Same(int p) => new(p, p, p, p);
    public static Padding2d Symmetric(int h, int w) => new(h, w, h, w);
    public static implicit operator Padding2d(int p) => Same(p);
    public static Padding2d Zero => default;
}
