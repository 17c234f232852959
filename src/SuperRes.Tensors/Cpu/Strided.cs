namespace SuperRes.Tensors.Cpu;

/// <summary>One contiguous run of a strided loop; strides are 0 (broadcast) or 1.</summary>
internal unsafe interface IRowOp
{
    void Row(float* a, int strideA, float* b, int strideB, float* y, int strideY, int n);
}

/// <summary>
/// Drives an element-wise loop over up to three operands with broadcast strides. Adjacent axes
/// that are laid out alike are merged first, so a bias add over NCHW runs as N*C rows of H*W.
/// </summary>
internal static unsafe class Strided
{
    public static void Run<T>(ReadOnlySpan<int> dims, ReadOnlySpan<int> sa, ReadOnlySpan<int> sb, ReadOnlySpan<int> sy,
        float* a, float* b, float* y, T op) where T : struct, IRowOp
    {
        int rank = dims.Length;
        Span<int> d = stackalloc int[Shapes.MaxRank + 1];
        Span<int> ca = stackalloc int[Shapes.MaxRank + 1];
        Span<int> cb = stackalloc int[Shapes.MaxRank + 1];
        Span<int> cy = stackalloc int[Shapes.MaxRank + 1];
        if (rank > Shapes.MaxRank) throw new ArgumentException($"Rank above {Shapes.MaxRank} is not supported.");
        // Coalesce from the innermost axis outwards; m counts merged axes, index 0 innermost.
        int m = 0;
        d[0] = 1; ca[0] = 0; cb[0] = 0; cy[0] = 0;
        for (int i = rank - 1; i >= 0; i--)
        {
            int n = dims[i];
            if (n == 0) return;
            if (n == 1) continue;
            if (d[m] == 1) { d[m] = n; ca[m] = sa[i]; cb[m] = sb[i]; cy[m] = sy[i]; continue; }
            if (sa[i] == ca[m] * d[m] && sb[i] == cb[m] * d[m] && sy[i] == cy[m] * d[m]) { d[m] *= n; continue; }
            m++;
            d[m] = n; ca[m] = sa[i]; cb[m] = sb[i]; cy[m] = sy[i];
        }
        int inner = d[0];
        if (ca[0] > 1 || cb[0] > 1 || cy[0] > 1)
        {
            // Not unit-stride inside: fall back to element rows.
            m++;
            for (int k = m; k > 0; k--) { d[k] = d[k - 1]; ca[k] = ca[k - 1]; cb[k] = cb[k - 1]; cy[k] = cy[k - 1]; }
            d[0] = 1; ca[0] = cb[0] = cy[0] = 0;
            inner = 1;
        }
        int sa0 = ca[0] == 0 ? 0 : 1, sb0 = cb[0] == 0 ? 0 : 1, sy0 = cy[0] == 0 ? 0 : 1;
        Span<int> counter = stackalloc int[Shapes.MaxRank + 1];
        counter.Clear();
        long oa = 0, ob = 0, oy = 0;
        while (true)
        {
            op.Row(a + oa, sa0, b + ob, sb0, y + oy, sy0, inner);
            int k = 1;
            for (; k <= m; k++)
            {
                counter[k]++;
                oa += ca[k]; ob += cb[k]; oy += cy[k];
                if (counter[k] < d[k]) break;
                oa -= (long)ca[k] * d[k]; ob -= (long)cb[k] * d[k]; oy -= (long)cy[k] * d[k];
                counter[k] = 0;
            }
            if (k > m) return;
        }
    }
}
