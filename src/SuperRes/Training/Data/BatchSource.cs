using SuperRes.Processing;

namespace SuperRes.Training.Data;

/// <summary>
/// Makes the batch of any step: sample i of step s comes from the stream
/// <c>TrainingRandom.For(seed, s, i)</c>, so batches depend on (seed, step) only, whatever order or
/// thread they are made in. That is what lets <c>--resume</c> reproduce an uninterrupted run.
/// </summary>
public sealed class BatchSource
{
    public BatchSource(PatchSampler sampler, int batchSize, long seed)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        Sampler = sampler;
        BatchSize = batchSize;
        Seed = seed;
    }

    public PatchSampler Sampler { get; }

    public int BatchSize { get; }

    public long Seed { get; }

    /// <summary>The batch of <paramref name="step"/>; samples are cut in parallel.</summary>
    public TrainingBatch Create(long step, bool parallel = true)
    {
        var samples = new TrainingSample[BatchSize];
        if (parallel) Parallel.For(0, BatchSize, i => samples[i] = Sampler.Sample(TrainingRandom.For(Seed, step, i)));
        else for (var i = 0; i < BatchSize; i++) samples[i] = Sampler.Sample(TrainingRandom.For(Seed, step, i));
        var input = Pack(samples.Select(s => s.Input).ToArray());
        var targets = new BatchArray[samples[0].Targets.Length];
        for (var k = 0; k < targets.Length; k++) targets[k] = Pack(samples.Select(s => s.Targets[k]).ToArray());
        return new TrainingBatch(step, input, targets);
    }

    /// <summary>Planes (sample, channel) into NCHW floats divided by 255.</summary>
    public static BatchArray Pack(Plane[][] samples)
    {
        var first = samples[0][0];
        var c = samples[0].Length;
        var array = BatchArray.Zeros(samples.Length, c, first.Height, first.Width);
        var area = first.Width * first.Height;
        for (var n = 0; n < samples.Length; n++)
            for (var ch = 0; ch < c; ch++)
            {
                var src = samples[n][ch].Data;
                var dst = array.Data.AsSpan((n * c + ch) * area, area);
                for (var i = 0; i < area; i++) dst[i] = src[i] * (1f / 255f);
            }
        return array;
    }
}
