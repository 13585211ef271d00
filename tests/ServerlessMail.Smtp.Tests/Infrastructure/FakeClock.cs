namespace ServerlessMail.Smtp.Tests;

/// <summary>
/// A fake clock (nothing real can stand in for "five minutes later"): time moves only when a test calls
/// <see cref="Advance"/>, which fires the timers that fall due. Tests wait for the server to arm a timer before
/// advancing, so timeouts are tested without any real waiting or race.
/// </summary>
internal sealed class FakeClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public int ArmedTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.Due is not null);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        List<FakeTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.Due <= _now).ToList();
            foreach (var timer in due)
            {
                timer.Due = null;
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>Waits until the server has armed a timer due within <paramref name="within"/> (it is then blocked on it).</summary>
    public async Task WaitForTimerDueWithinAsync(TimeSpan within, TimeSpan? notBefore = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            lock (_gate)
            {
                if (_timers.Any(t => t.Due is { } due && due - _now <= within && due - _now > (notBefore ?? TimeSpan.Zero)))
                {
                    return;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "the server never armed its timer");
            await Task.Delay(5);
        }
    }

    /// <summary>Waits until the server has armed at least <paramref name="count"/> timers (it is then blocked on them).</summary>
    public async Task WaitForArmedTimersAsync(int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (ArmedTimers < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the server never armed its timer");
            await Task.Delay(5);
        }
    }

    private sealed class FakeTimer(FakeClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                if (!clock._timers.Contains(this))
                {
                    clock._timers.Add(this);
                }
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
