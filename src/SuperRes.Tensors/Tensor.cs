using System.Runtime.InteropServices;
using System.Text;

namespace SuperRes.Tensors;

/// <summary>
/// A dense float32 tensor (NCHW for images) in 64-byte-aligned native memory from <see cref="TensorPool"/>.
/// Ownership: a tensor created while a <see cref="Tape"/> is current belongs to that tape and is
/// returned to the pool when the tape is disposed (call <see cref="Persist"/> to keep it). Tensors
/// created with no tape (parameters, loaded weights) belong to the caller: dispose them, or the
/// finalizer frees them. A disposed tensor throws <see cref="ObjectDisposedException"/> on access.
/// </summary>
public sealed unsafe partial class Tensor : IDisposable
{
    private float* _data;
    private readonly int _capacity; // floats in the pool buffer, at least Length
    internal int[] Dims;
    internal Node? Node;
    internal Tensor? PendingGrad;
    internal Tape? Owner;
    internal int VisitEpoch;

    private Tensor(int[] dims, int length)
    {
        Dims = dims;
        Length = length;
        _data = TensorPool.Rent(length, out _capacity);
        Owner = Tape.Current;
        Owner?.Adopt(this);
    }

    ~Tensor()
    {
        if (_data != null) TensorPool.Free(_data);
    }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    public ReadOnlySpan<int> Shape => Dims;
    public int Rank => Dims.Length;

    /// <summary>Size of one axis; negative axes count from the end.</summary>
    public int Size(int axis) => Dims[Shapes.NormalizeAxis(axis, Dims.Length)];

    /// <summary>True when gradients flow to this tensor (parameters, or results of ops on them).</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>Accumulated gradient of a leaf; adds up across backward calls until zeroed.</summary>
    public Tensor? Grad { get; internal set; }

    /// <summary>True for tensors no op produced (parameters, inputs).</summary>
    public bool IsLeaf => Node == null;

    public bool IsDisposed => _data == null;

    /// <summary>Raw aligned storage; valid until the tensor is disposed.</summary>
    public float* DataPointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_data == null, this);
            return _data;
        }
    }

    public Span<float> AsSpan() => new(DataPointer, Length);

    /// <summary>Allocates an uninitialised tensor (contents are whatever the pool held).</summary>
    public static Tensor Empty(params int[] shape) => new((int[])shape.Clone(), Shapes.Product(shape));

    internal static Tensor EmptyOwned(int[] dims) => new(dims, Shapes.Product(dims));

    public static Tensor Zeros(params int[] shape)
    {
        var t = Empty(shape);
        t.AsSpan().Clear();
        return t;
    }

    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    public static Tensor Full(float value, params int[] shape)
    {
        var t = Empty(shape);
        t.AsSpan().Fill(value);
        return t;
    }

    public static Tensor Scalar(float value) => Full(value, 1);

    /// <summary>Copies <paramref name="data"/> into a new tensor of the given shape.</summary>
    public static Tensor FromArray(ReadOnlySpan<float> data, params int[] shape)
    {
        int n = Shapes.Product(shape);
        if (n != data.Length)
            throw new ArgumentException($"Data has {data.Length} elements but shape {Shapes.Format(shape)} needs {n}.");
        var t = Empty(shape);
        data.CopyTo(t.AsSpan());
        return t;
    }

    public static Tensor RandomNormal(Rng rng, float mean, float std, params int[] shape)
    {
        var t = Empty(shape);
        rng.FillNormal(t.AsSpan(), mean, std);
        return t;
    }

    public static Tensor RandomUniform(Rng rng, float low, float high, params int[] shape)
    {
        var t = Empty(shape);
        rng.FillUniform(t.AsSpan(), low, high);
        return t;
    }

    public float[] ToArray() => AsSpan().ToArray();

    /// <summary>The value of a one-element tensor.</summary>
    public float Item()
    {
        if (Length != 1) throw new InvalidOperationException($"Item() needs one element, tensor has shape {ShapeString}.");
        return *DataPointer;
    }

    /// <summary>Element at a full index (slow; for tests and small lookups).</summary>
    [System.Runtime.CompilerServices.IndexerName("Element")]
    public float this[params int[] index]
    {
        get => AsSpan()[Shapes.Offset(Dims, index)];
        set => AsSpan()[Shapes.Offset(Dims, index)] = value;
    }

    /// <summary>Takes this tensor out of its tape, so that the caller owns it. Returns this.</summary>
    public Tensor Persist()
    {
        Owner = null;
        return this;
    }

    /// <summary>A copy with no graph history (owned like any new tensor).</summary>
    public Tensor Detach()
    {
        var t = EmptyOwned((int[])Dims.Clone());
        AsSpan().CopyTo(t.AsSpan());
        return t;
    }

    /// <summary>Copies values from a tensor of the same shape (no graph).</summary>
    public void CopyFrom(Tensor source)
    {
        Shapes.RequireSame(Dims, source.Dims, nameof(CopyFrom));
        source.AsSpan().CopyTo(AsSpan());
    }

    /// <summary>Sets the accumulated gradient to zero (keeps its buffer).</summary>
    public void ZeroGrad() => Grad?.AsSpan().Clear();

    /// <summary>Runs reverse-mode autodiff from this tensor; a non-scalar needs <paramref name="gradOutput"/>.</summary>
    public void Backward(Tensor? gradOutput = null) => Autograd.Backward(this, gradOutput);

    /// <summary>Changes the shape of this tensor in place (same length); returns this. No graph.</summary>
    internal Tensor ReshapedTo(int[] dims)
    {
        Ops.ReshapeInPlace(this, (int[])dims.Clone());
        return this;
    }

    public string ShapeString => Shapes.Format(Dims);

    public override string ToString()
    {
        var sb = new StringBuilder("Tensor").Append(ShapeString);
        if (IsDisposed) return sb.Append(" (disposed)").ToString();
        var s = AsSpan();
        sb.Append(" [");
        for (int i = 0; i < Math.Min(8, s.Length); i++) sb.Append(i == 0 ? "" : ", ").Append(s[i].ToString("G5"));
        return sb.Append(s.Length > 8 ? ", ...]" : "]").ToString();
    }

    /// <summary>Returns the storage to the pool now. Safe to call twice.</summary>
    public void Dispose()
    {
        if (_data != null)
        {
            TensorPool.Return(_data, _capacity);
            _data = null;
        }
        Grad?.Dispose();
        Grad = null;
        PendingGrad = null;
        GC.SuppressFinalize(this);
    }
}
