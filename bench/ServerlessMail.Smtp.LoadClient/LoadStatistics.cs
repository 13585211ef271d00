namespace ServerlessMail.Smtp.LoadClient;

/// <summary>The shared message budget and what happened to each message; thread-safe.</summary>
internal sealed class LoadStatistics(int messages)
{
    private const int KeptFailures = 5;

    private readonly Lock _lock = new();
    private readonly List<double> _latenciesMs = new(messages);
    private readonly List<string> _failures = [];
    private int _taken;
    private int _failed;

    public int Succeeded
    {
        get
        {
            lock (_lock)
            {
                return _latenciesMs.Count;
            }
        }
    }

    public int Failed => Volatile.Read(ref _failed);

    /// <summary>The first few distinct refusals, for the report.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_lock)
            {
                return [.. _failures];
            }
        }
    }

    public bool TryTake(out int number)
    {
        number = Interlocked.Increment(ref _taken);
        return number <= messages;
    }

    public void RecordSuccess(TimeSpan latency)
    {
        lock (_lock)
        {
            _latenciesMs.Add(latency.TotalMilliseconds);
        }
    }

    public void RecordFailure(SmtpReply reply)
    {
        Interlocked.Increment(ref _failed);
        lock (_lock)
        {
            if (_failures.Count < KeptFailures && !_failures.Contains(reply.Text))
            {
                _failures.Add(reply.Text);
            }
        }
    }

    /// <summary>Nearest-rank percentile of the successful messages' latencies, in milliseconds.</summary>
    public double PercentileMs(double percentile)
    {
        lock (_lock)
        {
            if (_latenciesMs.Count == 0)
            {
                return double.NaN;
            }

            _latenciesMs.Sort();
            var rank = (int)Math.Ceiling(percentile / 100 * _latenciesMs.Count);
            return _latenciesMs[Math.Clamp(rank - 1, 0, _latenciesMs.Count - 1)];
        }
    }
}
