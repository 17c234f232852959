using SuperRes.Tensors.Nn;

namespace SuperRes.Onnx.Export;

/// <summary>Finds a network's layers by their state-dict names (the names its model file uses).</summary>
internal static class ModuleChildren
{
    public static T Child<T>(this Module module, string name) where T : Module
    {
        foreach (var (n, m) in module.Children())
            if (n == name)
                return m as T ?? throw new InvalidOperationException($"Layer '{name}' is a {m.GetType().Name}, not a {typeof(T).Name}.");
        throw new InvalidOperationException($"{module.GetType().Name} has no layer '{name}'.");
    }

    /// <summary>A Sequential of convolutions and activations, layer by layer (PReLU, ReLU, LeakyReLU, Conv2d).</summary>
    public static string Layers(this OnnxGraphBuilder g, Sequential layers, string x)
    {
        for (int i = 0; i < layers.Count; i++)
            x = layers[i] switch
            {
                Conv2d conv => g.Conv(conv, x),
                PReLU prelu => g.PRelu(prelu, x),
                ReLU => g.Relu(x),
                LeakyReLU leaky => g.LeakyRelu(x, leaky.NegativeSlope),
                var other => throw new NotSupportedException($"No ONNX export for layer {other.GetType().Name}."),
            };
        return x;
    }
}
