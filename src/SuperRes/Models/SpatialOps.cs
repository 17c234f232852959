using SuperRes.Processing;
using SuperRes.Tensors;

namespace SuperRes.Models;

/// <summary>
/// Differentiable spatial helpers built from the engine's public ops: zero padding and cropping
/// (each channel as its own image through a 1x1 identity convolution, whose asymmetric padding pads
/// and whose transposed form crops), pixel shuffle (a transposed convolution with one-hot filters),
/// and bicubic upscaling of an input that needs no gradient. All are exact: they only move values.
/// </summary>
internal static class SpatialOps
{
    private static readonly Tensor s_identity = Tensor.Ones(1, 1, 1, 1).Persist();

    /// <summary>Zero-pads [n, c, h, w] by the given rows and columns.</summary>
    public static Tensor Pad(Tensor x, int top, int bottom, int left, int right)
    {
        if (top == 0 && bottom == 0 && left == 0 && right == 0) return x;
        int n = x.Size(0), c = x.Size(1), h = x.Size(2), w = x.Size(3);
        var planes = Ops.Reshape(x, n * c, 1, h, w);
        var padded = Ops.Conv2d(planes, s_identity, null, 1, 1, new Padding2d(top, left, bottom, right));
        return Ops.Reshape(padded, n, c, h + top + bottom, w + left + right);
    }

    /// <summary>Removes rows and columns from the borders of [n, c, h, w] (MatConvNet's crop [top bottom left right]).</summary>
    public static Tensor Crop(Tensor x, int top, int bottom, int left, int right)
    {
        if (top == 0 && bottom == 0 && left == 0 && right == 0) return x;
        int n = x.Size(0), c = x.Size(1), h = x.Size(2), w = x.Size(3);
        if (top + bottom >= h || left + right >= w)
            throw new ArgumentException($"Cannot crop [{top} {bottom} {left} {right}] from {x.ShapeString}.");
        // Pad the smaller side so the crop becomes symmetric, then crop with a transposed 1x1 conv.
        int p = Math.Max(Math.Max(top, bottom), Math.Max(left, right));
        var even = Pad(x, p - top, p - bottom, p - left, p - right);
        var planes = Ops.Reshape(even, n * c, 1, h + 2 * p - top - bottom, w + 2 * p - left - right);
        var cropped = Ops.ConvTranspose2d(planes, s_identity, null, 1, p);
        return Ops.Reshape(cropped, n, c, h - top - bottom, w - left - right);
    }

    /// <summary>One-hot filters [c*r*r, c, r, r] that make a stride-r transposed convolution a pixel shuffle.</summary>
    public static Tensor PixelShuffleFilter(int channels, int factor)
    {
        var filter = Tensor.Zeros(channels * factor * factor, channels, factor, factor).Persist();
        var s = filter.AsSpan();
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < factor; i++)
                for (int j = 0; j < factor; j++)
                    s[((((c * factor + i) * factor + j) * channels + c) * factor + i) * factor + j] = 1f;
        return filter;
    }

    /// <summary>[n, c*r*r, h, w] to [n, c, h*r, w*r], as PyTorch's pixel_shuffle.</summary>
    public static Tensor PixelShuffle(Tensor x, Tensor filter, int factor) => Ops.ConvTranspose2d(x, filter, null, factor);

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
