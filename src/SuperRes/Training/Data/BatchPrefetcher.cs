using System.Collections.Concurrent;

namespace SuperRes.Training.Data;

/// <summary>
/// Makes batches of consecutive steps on a background thread into a bounded queue, so the
/// training loop never waits for cropping and resizing. <see cref="Next"/> returns the batches of
/// <c>firstStep, firstStep + 1, ...</c> in order; a failure on the producer thread is rethrown there.
/// </summary>
public sealed class BatchPrefetcher : IDisposable
{
    private readonly BlockingCollection<TrainingBatch> _queue;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Thread _thread;
    private Exception? _failure;
    private long _expected;

    public BatchPrefetcher(BatchSource source, long firstStep, long endStep, int capacity = 4)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _queue = new BlockingCollection<TrainingBatch>(capacity);
        _expected = firstStep;
        _thread = new Thread(() => Produce(source, firstStep, endStep)) { IsBackground = true, Name = "batch-prefetch" };
        _thread.Start();
    }

    /// <summary>The next step's batch; throws if the producer failed or the steps are exhausted.</summary>
    public TrainingBatch Next()
    {
        if (!_queue.TryTake(out var batch, Timeout.Infinite))
        {
            if (_failure is not null) throw new InvalidOperationException("Making a training batch failed: " + _failure.Message, _failure);
            throw new InvalidOperationException($"No batch left after step {_expected - 1}.");
        }
        if (batch.Step != _expected) throw new InvalidOperationException($"Batch of step {batch.Step} arrived, expected {_expected}.");
        _expected++;
        return batch;
    }

    private void Produce(BatchSource source, long firstStep, long endStep)
    {
        try
        {
            for (var step = firstStep; step < endStep && !_cancel.IsCancellationRequested; step++)
                _queue.Add(source.Create(step), _cancel.Token);
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _failure = e;
        }
        finally
        {
            _queue.CompleteAdding();
        }
    }

    public void Dispose()
    {
        _cancel.Cancel();
        _thread.Join();
        _queue.Dispose();
        _cancel.Dispose();
    }
}
