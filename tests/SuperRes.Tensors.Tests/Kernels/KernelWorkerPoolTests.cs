using System.Diagnostics;
using SuperRes.Tensors.Kernels;
using Xunit.Abstractions;

namespace SuperRes.Tensors.Tests.Kernels;

public unsafe class KernelWorkerPoolTests(ITestOutputHelper output)
{
    private struct State
    {
        public int* Hits;
        public int* ByThread;
    }

    private static void Work(void* state, int item, int thread)
    {
        var s = (State*)state;
        Interlocked.Increment(ref s->Hits[item]);
        Interlocked.Increment(ref s->ByThread[thread]);
        long until = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2000; // 0.5 ms of work
        while (Stopwatch.GetTimestamp() < until) { }
    }

    [Fact]
    public void Run_ManyItems_RunsEachExactlyOnce()
    {
        const int count = 200;
        int* hits = stackalloc int[count];
        int* byThread = stackalloc int[64];
        new Span<int>(hits, count).Clear();
        new Span<int>(byThread, 64).Clear();
        var state = new State { Hits = hits, ByThread = byThread };
        for (int round = 0; round < 3; round++) KernelWorkerPool.Run(count, &Work, &state);
        for (int i = 0; i < count; i++) Assert.Equal(3, hits[i]);
        int threads = KernelWorkerPool.ThreadCount;
        output.WriteLine($"items by thread: {string.Join(", ", Enumerable.Range(0, threads).Select(t => byThread[t]))}");
        for (int t = threads; t < 64; t++) Assert.Equal(0, byThread[t]);
    }
}
