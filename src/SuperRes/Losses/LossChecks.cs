using SuperRes.Tensors;

namespace SuperRes.Losses;

internal static class LossChecks
{
    public static void SameShape(Tensor a, Tensor b, string loss)
    {
        if (!a.Shape.SequenceEqual(b.Shape))
            throw new ArgumentException($"{loss}: prediction {a.ShapeString} and target {b.ShapeString} differ in shape.");
    }

    public static void Nchw(Tensor a, string loss)
    {
        if (a.Rank != 4) throw new ArgumentException($"{loss}: expected an NCHW tensor, got {a.ShapeString}.");
    }
}
