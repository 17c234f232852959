namespace SuperRes.Tensors;

/// <summary>How a tensor was made: its inputs and the function that pushes its gradient to them.</summary>
internal sealed class Node(string op, Tensor[] inputs, Action<Tensor> backward)
{
    public string Op { get; } = op;
    public Tensor[] Inputs { get; } = inputs;

    /// <summary>Receives the output gradient (borrowed) and calls <see cref="Autograd.Accumulate"/> per input.</summary>
    public Action<Tensor> Backward { get; } = backward;
}
