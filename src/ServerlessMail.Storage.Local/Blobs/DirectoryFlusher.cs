using System.Collections.Concurrent;

namespace ServerlessMail.Storage.Local.Blobs;

/// <summary>
/// Shares directory fsyncs between concurrent puts. A caller registers after its rename; the next fsync of that
/// directory starts after every registration it covers, so when the caller's task completes its rename is durable.
/// Callers arriving while an fsync runs wait for the following one, which then covers all of them at once.
/// </summary>
internal sealed class DirectoryFlusher
{
    private readonly ConcurrentDictionary<string, Directory> _directories = new(StringComparer.Ordinal);

    public Task FlushAsync(string path) => _directories.GetOrAdd(path, static p => new Directory(p)).FlushAsync();

    private sealed class Directory(string path)
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource? _waiting;
        private bool _running;

        public Task FlushAsync()
        {
            bool start;
            Task task;
            lock (_gate)
            {
                _waiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                task = _waiting.Task;
                start = !_running;
                _running = true;
            }

            if (start)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static self => self.Run(), this, preferLocal: false);
            }

            return task;
        }

        private void Run()
        {
            while (true)
            {
                TaskCompletionSource round;
                lock (_gate)
                {
                    if (_waiting is null)
                    {
                        _running = false;
                        return;
                    }

                    // Everyone registered so far renamed before this point, so the fsync below covers them.
                    round = _waiting;
                    _waiting = null;
                }

                try
                {
                    DirectorySync.Fsync(path);
                    round.SetResult();
                }
                catch (IOException exception)
                {
                    round.SetException(exception);
                }
            }
        }
    }
}
