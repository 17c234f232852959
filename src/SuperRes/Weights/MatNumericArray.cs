namespace SuperRes.Weights;

/// <summary>
/// A numeric or logical array. <see cref="Real"/> holds the values in the array's own element type
/// (float[] for single, double[] for double, sbyte[] for int8 ..., bool[] for logical), column-major.
/// </summary>
public sealed class MatNumericArray : MatArray
{
    internal MatNumericArray(string name, int[] dimensions, MatClass matClass, Array real, Array? imaginary)
        : base(name, dimensions)
    {
        Class = matClass;
        Real = real;
        Imaginary = imaginary;
    }

    public override MatClass Class { get; }

    /// <summary>Real parts, typed by <see cref="Class"/>.</summary>
    public Array Real { get; }

    /// <summary>Imaginary parts for complex arrays, otherwise null.</summary>
    public Array? Imaginary { get; }

    public bool IsComplex => Imaginary != null;

    /// <summary>The real parts converted to double (exact except for 64-bit integers above 2^53).</summary>
    public double[] ToDoubleArray()
    {
        if (Real is double[] d) return (double[])d.Clone();
        var result = new double[Real.Length];
        for (int i = 0; i < result.Length; i++) result[i] = GetDouble(i);
        return result;
    }

    /// <summary>The real parts converted to float (a copy for single arrays).</summary>
    public float[] ToSingleArray()
    {
        if (Real is float[] f) return (float[])f.Clone();
        var result = new float[Real.Length];
        for (int i = 0; i < result.Length; i++) result[i] = (float)GetDouble(i);
        return result;
    }

    /// <summary>The real part of element <paramref name="index"/> (column-major) as a double.</summary>
    public double GetDouble(int index) => Real switch
    {
        double[] a => a[index],
        float[] a => a[index],
        sbyte[] a => a[index],
        byte[] a => a[index],
        short[] a => a[index],
        ushort[] a => a[index],
        int[] a => a[index],
        uint[] a => a[index],
        long[] a => a[index],
        ulong[] a => a[index],
        bool[] a => a[index] ? 1 : 0,
        _ => throw new InvalidOperationException("Unexpected element type " + Real.GetType()),
    };

    public override string ToString() => $"{Class} [{string.Join('x', Dimensions)}] '{Name}'";
}
