using Microsoft.Extensions.Logging;
using ServerlessMail.Core;

namespace ServerlessMail.Hosting;

/// <summary>The background workers: delivery of accepted mail, and the outbound relay.</summary>
public sealed partial class MailServer
{
    /// <summary>How long a worker that stopped on a fault (the store unreachable, say) waits before it runs again.</summary>
    private static readonly TimeSpan WorkerRestartDelay = TimeSpan.FromSeconds(5);

    private void StartWorkers(DeliveryWorker delivery, RelayWorker relay)
    {
        delivery.DeliveryFailed += (message, exception) => HostLog.DeliveryFailed(_logger, message.Id, message.Attempts + 1, exception);
        delivery.Delivered += result => HostLog.Delivered(_logger, result.Accepted.Id, result.Recipients.Count);
        relay.RelayFailed += (message, exception) => HostLog.RelayFailed(_logger, message.Id, message.Attempts, exception);
        relay.Relayed += message => HostLog.Relayed(_logger, message.Id, message.Status.ToString().ToLowerInvariant(), message.ProviderMessageId);

        var stopping = _stopping.Token;
        _workers.Add(SuperviseAsync("delivery", delivery.RunAsync, stopping));
        _workers.Add(SuperviseAsync("relay", relay.RunAsync, stopping));
    }

    /// <summary>
    /// Runs a worker until shutdown. The workers retry per-message failures themselves; a fault that ends the loop
    /// (a store that cannot even list what is due) is logged and the worker runs again after a pause.
    /// </summary>
    private async Task SuperviseAsync(string name, Func<CancellationToken, Task> run, CancellationToken stopping)
    {
        // Off the starting thread: the first pass may do store I/O before its first await.
        await Task.Yield();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await run(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                HostLog.WorkerFaulted(_logger, name, WorkerRestartDelay, exception);
                try
                {
                    await Task.Delay(WorkerRestartDelay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
