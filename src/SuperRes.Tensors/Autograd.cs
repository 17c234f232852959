namespace SuperRes.Tensors;

/// <summary>Recording of ops and the reverse pass (topological order, chain rule, accumulation).</summary>
internal static class Autograd
{
    private static int _epoch;
    [ThreadStatic] private static List<Tensor>? t_order;
    [ThreadStatic] private static Stack<(Tensor, int)>? t_stack;

    public static bool Needs(Tensor a) => a.RequiresGrad && Tape.IsGradEnabled;
    public static bool Needs(Tensor a, Tensor b) => (a.RequiresGrad || b.RequiresGrad) && Tape.IsGradEnabled;
    public static bool Needs(Tensor a, Tensor? b, Tensor? c) =>
        (a.RequiresGrad || b is { RequiresGrad: true } || c is { RequiresGrad: true }) && Tape.IsGradEnabled;

    public static void Record(Tensor output, string op, Tensor[] inputs, Action<Tensor> backward)
    {
        output.Node = new Node(op, inputs, backward);
        output.RequiresGrad = true;
    }

    /// <summary>Adds <paramref name="grad"/> (owned: adopted or disposed here) to the gradient of <paramref name="t"/>.</summary>
    public static void Accumulate(Tensor t, Tensor grad)
    {
        if (!t.RequiresGrad)
        {
            grad.Dispose();
            return;
        }
        Shapes.RequireSame(t.Dims, grad.Dims, "gradient");
        if (t.IsLeaf)
        {
            if (t.Grad == null) t.Grad = grad.Persist();
            else
            {
                Cpu.ElementWise.AddInPlace(t.Grad.AsSpan(), grad.AsSpan());
                grad.Dispose();
            }
        }
        else if (t.PendingGrad == null) t.PendingGrad = grad;
        else
        {
            Cpu.ElementWise.AddInPlace(t.PendingGrad.AsSpan(), grad.AsSpan());
            grad.Dispose();
        }
    }

    /// <summary>Like <see cref="Accumulate"/> but copies a borrowed gradient instead of adopting it.</summary>
    public static void AccumulateCopy(Tensor t, Tensor grad)
    {
        if (!t.RequiresGrad) return;
        if (t.IsLeaf ? t.Grad != null : t.PendingGrad != null)
        {
            var target = t.IsLeaf ? t.Grad! : t.PendingGrad!;
            Shapes.RequireSame(t.Dims, grad.Dims, "gradient");
            Cpu.ElementWise.AddInPlace(target.AsSpan(), grad.AsSpan());
        }
        else Accumulate(t, grad.Detach());
    }

    public static void Backward(Tensor root, Tensor? seed)
    {
        if (!root.RequiresGrad) throw new InvalidOperationException("Backward() on a tensor that does not require grad.");
        if (seed == null && root.Length != 1)
            throw new InvalidOperationException($"Backward() without a gradient needs a scalar, got {root.ShapeString}.");
        var order = TopologicalOrder(root);
        using (Tape.NoGrad())
        {
            Accumulate(root, seed == null ? Tensor.Full(1f, (int[])root.Dims.Clone()) : seed.Detach());
            for (int i = order.Count - 1; i >= 0; i--)
            {
                var t = order[i];
                var g = t.PendingGrad;
                if (t.Node == null || g == null) continue;
                t.PendingGrad = null;
                t.Node.Backward(g);
                g.Dispose();
            }
        }
        order.Clear();
    }

    // Post-order DFS without recursion: inputs come before the tensors made from them.
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = t_order ??= new List<Tensor>(256);
        var stack = t_stack ??= new Stack<(Tensor, int)>(256);
        int epoch = Interlocked.Increment(ref _epoch);
        order.Clear();
        root.VisitEpoch = epoch;
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (t, next) = stack.Pop();
            var inputs = t.Node?.Inputs;
            if (inputs != null && next < inputs.Length)
            {
                stack.Push((t, next + 1));
                var child = inputs[next];
                if (child.RequiresGrad && child.VisitEpoch != epoch)
                {
                    child.VisitEpoch = epoch;
                    stack.Push((child, 0));
                }
            }
            else order.Add(t);
        }
        return order;
    }
}
