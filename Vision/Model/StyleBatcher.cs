using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;

namespace OtMz.Vision.Model;

/// <summary>
/// Coalesces concurrent single-picture requests into batches for <see cref="OnnxStyleModel"/>. Callers prepare
/// their own input tensor (so resizing runs in parallel on their threads) and queue it; one loop takes the first
/// waiting request, keeps collecting for up to the batch window or until the batch is full, runs the model once
/// and completes each caller's task with its own row. A caller that cancels before its batch runs is dropped from
/// it; a failed run fails exactly the callers in that batch; a row that is not finite fails only its caller.
/// Disposal stops the loop and fails whatever is still queued.
/// </summary>
internal sealed class StyleBatcher : IDisposable
{
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly int _capacity;
    private readonly int _sampleLength;
    private readonly long _windowTicks;
    private readonly Func<float[], int, float[]?[]> _run;
    private readonly Func<Exception> _notFinite;
    private readonly Task _loop;
    private int _disposed;
    private long _batchesRun;

    /// <param name="run">Runs the model on the first <c>count</c> samples of the buffer; a null row is not finite.</param>
    public StyleBatcher(int capacity, int sampleLength, TimeSpan window, Func<float[], int, float[]?[]> run, Func<Exception> notFinite)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(window.Ticks, nameof(window));
        _capacity = capacity;
        _sampleLength = sampleLength;
        _windowTicks = (long)(window.TotalSeconds * Stopwatch.Frequency);
        _run = run;
        _notFinite = notFinite;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Batches that ran; a test counts them to see coalescing happen.</summary>
    public long BatchesRun => Interlocked.Read(ref _batchesRun);

    /// <summary>Queues one prepared sample (rented from the shared pool; the batcher returns it) and awaits its row.</summary>
    public Task<float[]> EnqueueAsync(float[] sample, CancellationToken cancellationToken)
    {
        var request = new Request(sample);
        if (cancellationToken.IsCancellationRequested)
        {
            ArrayPool<float>.Shared.Return(sample);
            return Task.FromCanceled<float[]>(cancellationToken);
        }

        // Registered before queuing, so the loop always sees (and disposes) the registration it owns.
        if (cancellationToken.CanBeCanceled)
        {
            request.Registration = cancellationToken.Register(
                static state =>
                {
                    var (r, token) = ((Request, CancellationToken))state!;
                    r.Completion.TrySetCanceled(token);
                },
                (request, cancellationToken));
        }

        if (!_queue.Writer.TryWrite(request))
        {
            request.Registration.Dispose();
            ArrayPool<float>.Shared.Return(sample);
            return Task.FromException<float[]>(new ObjectDisposedException(nameof(OnnxStyleModel)));
        }

        return request.Completion.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<Request>(_capacity);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                await CollectAsync(batch).ConfigureAwait(false);
                if (_stop.IsCancellationRequested)
                {
                    break;
                }

                if (batch.Count > 0)
                {
                    RunBatch(batch);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            var disposed = new ObjectDisposedException(nameof(OnnxStyleModel));
            foreach (var request in batch)
            {
                Finish(request, disposed);
            }

            while (_queue.Reader.TryRead(out var request))
            {
                Finish(request, disposed);
            }
        }
    }

    private async Task CollectAsync(List<Request> batch)
    {
        var deadline = Stopwatch.GetTimestamp() + _windowTicks;
        while (batch.Count < _capacity)
        {
            if (_queue.Reader.TryRead(out var request))
            {
                if (request.Completion.Task.IsCompleted)
                {
                    Finish(request, error: null);
                }
                else
                {
                    batch.Add(request);
                }

                continue;
            }

            var remaining = deadline - Stopwatch.GetTimestamp();
            if (batch.Count == 0 || remaining <= 0)
            {
                return;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency));
            var more = _queue.Reader.WaitToReadAsync(timeout.Token).AsTask();
            await ((Task)more).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!more.IsCompletedSuccessfully || !more.Result)
            {
                return;
            }
        }
    }

    private void RunBatch(List<Request> batch)
    {
        var buffer = ArrayPool<float>.Shared.Rent(_capacity * _sampleLength);
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Sample.AsSpan(0, _sampleLength).CopyTo(buffer.AsSpan(i * _sampleLength, _sampleLength));
            }

            float[]?[] rows;
            try
            {
                rows = _run(buffer, batch.Count);
                Interlocked.Increment(ref _batchesRun);
            }
            catch (Exception e)
            {
                foreach (var request in batch)
                {
                    Finish(request, e);
                }

                return;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                if (rows[i] is { } row)
                {
                    batch[i].Completion.TrySetResult(row);
                    Finish(batch[i], error: null);
                }
                else
                {
                    Finish(batch[i], _notFinite());
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
            batch.Clear();
        }
    }

    private static void Finish(Request request, Exception? error)
    {
        if (error is not null)
        {
            request.Completion.TrySetException(error);
        }

        request.Registration.Dispose();
        ArrayPool<float>.Shared.Return(request.Sample);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _stop.Cancel();
        _loop.GetAwaiter().GetResult();
        _stop.Dispose();
    }

    private sealed class Request(float[] sample)
    {
        public float[] Sample { get; } = sample;

        public TaskCompletionSource<float[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }
}
