using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ServerlessMail.Smtp.Tests;

/// <summary>A real ILogger that keeps every formatted entry (all levels, exceptions included) for assertions.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => _entries.ToArray();

    public string All => string.Join("\n", _entries);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _entries.Enqueue($"{logLevel}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}");
    }
}
