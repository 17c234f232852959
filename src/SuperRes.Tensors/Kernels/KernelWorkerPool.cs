namespace SuperRes.Tensors.Kernels;

/// <summary>
/// A tiny fork-join pool for kernels: dedicated background threads woken by spinning events,
/// work handed out by an atomic counter, the calling thread working too. Dispatch allocates
/// nothing, unlike Parallel.For. A call made while another is in flight runs serially.
/// </summary>
public static unsafe class KernelWorkerPool
{
    private static readonly object Gate = new();
    private static readonly int MaxWorkers = Math.Clamp(Environment.ProcessorCount - 1, 0, 63);
    private static readonly ManualResetEventSlim[] Wake = new ManualResetEventSlim[MaxWorkers];
    private static int _started;
    private static int _threads = MaxWorkers + 1;

    private static delegate*<void*, int, int, void> _body;
    private static void* _state;
    private static int _count, _next, _pending;

    /// <summary>Threads a parallel call uses, the caller included (1 to processor count).</summary>
    public static int ThreadCount
    {
        get => _threads;
        set => _threads = Math.Clamp(value, 1, MaxWorkers + 1);
    }

    /// <summary>Runs body(state, item, threadIndex) for item in [0, count); threadIndex &lt; ThreadCount.</summary>
    internal static void Run(int count, delegate*<void*, int, int, void> body, void* state, bool parallel = true)
    {
        int workers = Math.Min(_threads - 1, count - 1);
        if (!parallel || workers <= 0 || !Monitor.TryEnter(Gate))
        {
            for (int i = 0; i < count; i++) body(state, i, 0);
            return;
        }
        try
        {
            EnsureStarted();
            _body = body;
            _state = state;
            _count = count;
            _next = 0;
            Volatile.Write(ref _pending, workers);
            for (int w = 0; w < workers; w++) Wake[w].Set();
            Drain(0);
            var spin = new SpinWait();
            while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(-1);
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    private static void Drain(int threadIndex)
    {
        int i;
        while ((i = Interlocked.Increment(ref _next) - 1) < _count) _body(_state, i, threadIndex);
    }

    private static void EnsureStarted()
    {
        if (_started != 0) return;
        for (int w = 0; w < MaxWorkers; w++)
        {
            Wake[w] = new ManualResetEventSlim(false, 2000);
            int index = w;
            var thread = new Thread(() => WorkerLoop(index)) { IsBackground = true, Name = $"conv-worker-{w}" };
            thread.Start();
        }
        _started = 1;
    }

    private static void WorkerLoop(int index)
    {
        var wake = Wake[index];
        while (true)
        {
            wake.Wait();
            wake.Reset();
            Drain(index + 1);
            Interlocked.Decrement(ref _pending);
        }
    }
}
