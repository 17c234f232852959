using SuperRes.Processing;
using SuperRes.Tensors;

namespace SuperRes.Models;

/// <summary>
/// Spatial helpers for the networks: zero padding and cropping (MatConvNet's crop convention) on the
/// engine's pad and slice ops, and MATLAB-exact bicubic upscaling of an input that needs no gradient.
/// </summary>
internal static class SpatialOps
{
    /// <summary>Zero-pads [n, c, h, w] by the given rows and columns.</summary>
    public static Tensor Pad(Tensor x, int top, int bottom, int left, int right) =>
        top == 0 && bottom == 0 && left == 0 && right == 0 ? x : Ops.Pad(x, new Padding2d(top, left, bottom, right));

    /// <summary>Removes rows and columns from the borders of [n, c, h, w] (MatConvNet's crop [top bottom left right]).</summary>
    public static Tensor Crop(Tensor x, int top, int bottom, int left, int right)
    {
        if (top == 0 && bottom == 0 && left == 0 && right == 0) return x;
        int h = x.Size(2), w = x.Size(3);
        if (top + bottom >= h || left + right >= w)
            throw new ArgumentException($"Cannot crop [{top} {bottom} {left} {right}] from {x.ShapeString}.");
        var rows = top == 0 && bottom == 0 ? x : Ops.Slice(x, 2, top, h - top - bottom);
        return left == 0 && right == 0 ? rows : Ops.Slice(rows, 3, left, w - left - right);
    }

    /// <summary>
    /// MATLAB-exact bicubic upscaling of every plane of [n, c, h, w]. The input must not need a
    /// gradient: the networks that use it take it from the low-resolution image itself.
    /// </summary>
    public static Tensor Bicubic(Tensor x, int scale)
    {
        if (x.RequiresGrad) throw new ArgumentException("Bicubic upscaling inside a model is not differentiable; its input must not require grad.");
        int n = x.Size(0), c = x.Size(1), h = x.Size(2), w = x.Size(3);
        var result = Tensor.Empty(n, c, h * scale, w * scale);
        var src = x.ToArray();
        var dst = result.AsSpan();
        int lrArea = h * w, hrArea = h * w * scale * scale;
        for (int p = 0; p < n * c; p++)
        {
            var plane = new Plane(w, h, src.AsSpan(p * lrArea, lrArea).ToArray());
            Imresize.Resize(plane, scale, KnownResizeKernels.Bicubic).Data.CopyTo(dst.Slice(p * hrArea, hrArea));
        }
        return result;
    }

    public static void RequireInput(Tensor x, int channels, string model)
    {
        if (x.Rank != 4 || x.Size(1) != channels)
            throw new ArgumentException($"{model} expects input [n, {channels}, h, w], got {x.ShapeString}.");
    }
}
