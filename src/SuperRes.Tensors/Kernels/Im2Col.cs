namespace SuperRes.Tensors.Kernels;

/// <summary>Builds im2col panels: row k = (ci, ky, kx), column = output pixel, zeros for padding.</summary>
internal static unsafe class Im2Col
{
    /// <summary>Fills columns[k*stride + (q - q0)] for output pixels q in [q0, q1) of one image; zeros up to stride.</summary>
    public static void Fill(in Conv2dGeometry g, float* image, int q0, int q1, float* columns, int stride)
    {
        int k = 0;
        int ow = g.OutWidth;
        for (int ci = 0; ci < g.InChannels; ci++)
        {
            float* plane = image + (long)ci * g.InHeight * g.InWidth;
            for (int ky = 0; ky < g.KernelHeight; ky++)
            for (int kx = 0; kx < g.KernelWidth; kx++, k++)
            {
                float* dst = columns + (long)k * stride;
                int q = q0, oy = q0 / ow, ox = q0 - oy * ow;
                while (q < q1)
                {
                    int count = Math.Min(ow - ox, q1 - q);
                    int iy = oy * g.StrideH + ky - g.PadTop;
                    float* d = dst + (q - q0);
                    if ((uint)iy >= (uint)g.InHeight)
                    {
                        new Span<float>(d, count).Clear();
                    }
                    else
                    {
                        float* row = plane + (long)iy * g.InWidth;
                        int ix = ox * g.StrideW + kx - g.PadLeft;
                        for (int j = 0; j < count; j++, ix += g.StrideW)
                            d[j] = (uint)ix < (uint)g.InWidth ? row[ix] : 0f;
                    }
                    q += count;
                    oy++;
                    ox = 0;
                }
                new Span<float>(dst + (q1 - q0), stride - (q1 - q0)).Clear();
            }
        }
    }
}
