using SuperRes.Inference;

namespace SuperRes.Tests.Inference;

/// <summary>What <see cref="Upscaler.PrepareInBackground"/> compiles ahead of a first upscale.</summary>
public sealed class UpscalerPreparationTests
{
    [Fact]
    public void PrepareImageCode_CompilesTheMergeTheSamplesAndThePngCode()
    {
        var prepared = Upscaler.PrepareImageCode();
        // YCbCrUpscaleMerge, its per-thread job and its windowed pass, the colour conversion, the samples, the PNG filters, writer and
        // decoder, the deflate blocks and the run-length encoder's pieces.
        foreach (var name in new[] { "MergeInto", "Run", "Apply", "ToSamples", "Filter", "FilterBest", "WriteRows", "Decode", "Deflate", "FindRuns", "Lengths", "WriteLiteralsAndRuns" })
            Assert.Contains(name, prepared);
        Upscaler.PrepareInBackground(); // once per process, whatever the number of calls
        Upscaler.PrepareInBackground();
    }

    [Fact]
    public void RunLibraryCodeOnce_RunsOnItsSmallInputs_WithoutThrowing()
    {
        // On its thread-pool thread an exception would be swallowed and the code compiled on first use instead.
        Assert.Null(Record.Exception(Upscaler.RunLibraryCodeOnce));
    }
}
