namespace SuperRes.Tensors.Nn;

/// <summary>Weight initialisers (in place), with PyTorch's definitions of fan and gain.</summary>
public static class Init
{
    /// <summary>fan_in = in·kh·kw for conv [out,in,kh,kw] and linear [out,in]; fan_out = out·kh·kw.</summary>
    public static (int FanIn, int FanOut) Fans(Tensor w)
    {
        if (w.Rank < 2) throw new ArgumentException($"Fan needs a tensor of rank ≥ 2, got {w.ShapeString}.");
        int receptive = 1;
        for (int i = 2; i < w.Rank; i++) receptive *= w.Size(i);
        return (w.Size(1) * receptive, w.Size(0) * receptive);
    }

    /// <summary>Gain for leaky_relu with slope <paramref name="a"/> (a = 0 is ReLU): sqrt(2 / (1 + a²)).</summary>
    public static double LeakyReluGain(double a) => Math.Sqrt(2.0 / (1 + a * a));

    /// <summary>He/Kaiming normal: std = gain / sqrt(fan).</summary>
    public static void KaimingNormal(Tensor w, Rng rng, double a = 0, bool fanOut = false)
    {
        var (fi, fo) = Fans(w);
        double std = LeakyReluGain(a) / Math.Sqrt(fanOut ? fo : fi);
        rng.FillNormal(w.AsSpan(), 0, (float)std);
    }

    /// <summary>He/Kaiming uniform: bound = gain·sqrt(3 / fan).</summary>
    public static void KaimingUniform(Tensor w, Rng rng, double a = 0, bool fanOut = false)
    {
        var (fi, fo) = Fans(w);
        double bound = LeakyReluGain(a) * Math.Sqrt(3.0 / (fanOut ? fo : fi));
        rng.FillUniform(w.AsSpan(), (float)-bound, (float)bound);
    }

    public static void Normal(Tensor w, Rng rng, float mean, float std) => rng.FillNormal(w.AsSpan(), mean, std);

    public static void Uniform(Tensor w, Rng rng, float low, float high) => rng.FillUniform(w.AsSpan(), low, high);

    public static void Constant(Tensor w, float value) => w.AsSpan().Fill(value);

    /// <summary>
    /// PyTorch's default for Conv/Linear: weight kaiming_uniform(a=√5), i.e. U(±1/√fan_in), and bias
    /// U(±1/√fan_in). For a transposed conv pass <paramref name="fanIn"/> explicitly (PyTorch uses weight dim 1).
    /// </summary>
    public static void PyTorchDefault(Tensor weight, Tensor? bias, Rng rng, int? fanIn = null)
    {
        int fi = fanIn ?? Fans(weight).FanIn;
        KaimingUniform(weight, rng, Math.Sqrt(5));
        if (fanIn != null)
        {
            double wb = 1 / Math.Sqrt(fi);
            rng.FillUniform(weight.AsSpan(), (float)-wb, (float)wb);
        }
        if (bias != null)
        {
            double b = fi > 0 ? 1 / Math.Sqrt(fi) : 0;
            rng.FillUniform(bias.AsSpan(), (float)-b, (float)b);
        }
    }

    /// <summary>
    /// Bilinear upsampling kernel for a transposed conv weight [in,out,k,k]: channel i maps to
    /// output i (other pairs zero) when in == out, else every pair gets the kernel.
    /// </summary>
    public static void Bilinear(Tensor w)
    {
        if (w.Rank != 4 || w.Size(2) != w.Size(3)) throw new ArgumentException($"Bilinear init needs [in,out,k,k], got {w.ShapeString}.");
        int cin = w.Size(0), cout = w.Size(1), k = w.Size(2);
        double factor = (k + 1) / 2;
        double center = k % 2 == 1 ? factor - 1 : factor - 0.5;
        var s = w.AsSpan();
        s.Clear();
        for (int i = 0; i < cin; i++)
        for (int o = 0; o < cout; o++)
        {
            if (cin == cout && i != o) continue;
            for (int y = 0; y < k; y++)
            for (int x = 0; x < k; x++)
                s[((i * cout + o) * k + y) * k + x] = (float)((1 - Math.Abs(y - center) / factor) * (1 - Math.Abs(x - center) / factor));
        }
    }
}
