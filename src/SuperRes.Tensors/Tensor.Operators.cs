namespace SuperRes.Tensors;

/// <summary>Operators and fluent shortcuts; the ops themselves live in <see cref="Ops"/>.</summary>
public sealed partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Add(a, b);
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Sub(a, b);
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Mul(a, b);
    public static Tensor operator /(Tensor a, Tensor b) => Ops.Div(a, b);
    public static Tensor operator +(Tensor a, float s) => Ops.AddScalar(a, s);
    public static Tensor operator +(float s, Tensor a) => Ops.AddScalar(a, s);
    public static Tensor operator -(Tensor a, float s) => Ops.AddScalar(a, -s);
    public static Tensor operator -(float s, Tensor a) => Ops.RSubScalar(s, a);
    public static Tensor operator *(Tensor a, float s) => Ops.MulScalar(a, s);
    public static Tensor operator *(float s, Tensor a) => Ops.MulScalar(a, s);
    public static Tensor operator /(Tensor a, float s) => Ops.MulScalar(a, 1f / s);
    public static Tensor operator -(Tensor a) => Ops.Neg(a);

    public Tensor Sum() => Ops.Sum(this);
    public Tensor Mean() => Ops.Mean(this);
    public Tensor Reshape(params int[] shape) => Ops.Reshape(this, shape);
    public Tensor Exp() => Ops.Exp(this);
    public Tensor Log() => Ops.Log(this);
    public Tensor Sqrt() => Ops.Sqrt(this);
    public Tensor Abs() => Ops.Abs(this);
    public Tensor Pow(float p) => Ops.Pow(this, p);
    public Tensor Relu() => Ops.Relu(this);
}
