using SuperRes.Models;
using SuperRes.Onnx;
using SuperRes.OnnxRuntime;
using SuperRes.Tensors;

namespace SuperRes.Onnx.Tests;

public sealed class OnnxRuntimeProfileTests
{
    [Fact]
    public void ParseTrace_SumsNodesOfTheLastRunsOnly()
    {
        // Two model runs: the first (a warm-up) is left out; Conv_1 runs twice in the second.
        const string trace = """
            [
              {"cat":"Session","name":"model_run","ts":100,"dur":50},
              {"cat":"Node","name":"Conv_1_kernel_time","ts":110,"dur":1000,"args":{"op_name":"Conv"}},
              {"cat":"Session","name":"model_run","ts":200,"dur":50},
              {"cat":"Node","name":"Conv_1_fence_before","ts":205,"dur":0,"args":{"op_name":"Conv"}},
              {"cat":"Node","name":"Conv_1_kernel_time","ts":210,"dur":300,"args":{"op_name":"Conv"}},
              {"cat":"Node","name":"Add_2_kernel_time","ts":220,"dur":40,"args":{"op_name":"Add"}},
              {"cat":"Node","name":"Conv_1_kernel_time","ts":230,"dur":200,"args":{"op_name":"Conv"}}
            ]
            """;

        var nodes = OnnxRuntimeProfile.ParseTrace(trace, 1);

        Assert.Equal(2, nodes.Count);
        Assert.Equal(new OnnxRuntimeProfile.NodeTime("Conv_1", "Conv", 0.5), nodes[0]);
        Assert.Equal(new OnnxRuntimeProfile.NodeTime("Add_2", "Add", 0.04), nodes[1]);
        Assert.Throws<InvalidDataException>(() => OnnxRuntimeProfile.ParseTrace(trace, 3));
    }

    [Fact]
    public void Measure_LapSrn_TimesEveryKernelOfTheGraph()
    {
        using var model = new LapSrn(new LapSrnOptions { Scale = 4, Width = 4, Depth = 1 }, new Rng(1));
        var input = new float[12 * 10];

        var before = Directory.GetFiles(Directory.GetCurrentDirectory(), "*profile*.json").Length;

        var nodes = OnnxRuntimeProfile.Measure(OnnxExporter.Export(model), input, [1, 1, 12, 10], threads: 1, runs: 2, warmUps: 1);

        Assert.Equal(before, Directory.GetFiles(Directory.GetCurrentDirectory(), "*profile*.json").Length); // the trace is not left behind

        // 1 input conv + per level (1 conv, the upconv as a sub-pixel conv, 1 residual conv) = 7
        // convolutions, the image's transposed conv per level = 2, and 2 pixel shuffles (the first
        // level's features, the last level's residual computed on the phases).
        Assert.Equal(7, nodes.Count(n => n.OpType == "Conv"));
        Assert.Equal(2, nodes.Count(n => n.OpType == "ConvTranspose"));
        Assert.Equal(2, nodes.Count(n => n.OpType == "DepthToSpace"));
        Assert.All(nodes, n => Assert.True(n.Milliseconds >= 0, n.Node));
        Assert.True(nodes.Sum(n => n.Milliseconds) > 0);
        Assert.Equal(nodes.Count, nodes.Select(n => n.Node).Distinct().Count());
    }
}
