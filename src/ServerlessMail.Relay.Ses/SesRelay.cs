using System.Net.Sockets;
using Amazon.Runtime;
using ServerlessMail.Core;

namespace ServerlessMail.Relay.Ses;

/// <summary>
/// Relays through SES v2. Recipients past SES's per-call limit go in further calls; if a later call fails after an
/// earlier one succeeded, the message counts as sent (retrying would duplicate it) and the history names the
/// recipients that were not reached.
/// </summary>
public sealed class SesRelay(SesV2Client client, SesOptions options) : IMailRelay
{
    public string Name => "ses";

    public async Task<RelayResult> SendAsync(RelayMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        string? firstId = null;
        var batches = message.Recipients.Chunk(Math.Max(1, options.MaxRecipientsPerCall)).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            var result = await SendOneAsync(message, batches[i], cancellationToken).ConfigureAwait(false);
            if (result is RelaySent sent)
            {
                firstId ??= sent.ProviderMessageId;
                continue;
            }

            if (firstId is null)
            {
                return result;
            }

            var missed = batches.Skip(i).SelectMany(b => b).ToList();
            return new RelaySent(firstId, $"not sent to {string.Join(", ", missed)}: {Describe(result)}");
        }

        return new RelaySent(firstId!);
    }

    private async Task<RelayResult> SendOneAsync(RelayMessage message, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        var email = new SesRawEmail(message.MailFrom.Length == 0 ? null : message.MailFrom, recipients, message.OpenAsync);
        try
        {
            return SesErrors.Map(await client.SendRawEmailAsync(email, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or SocketException)
        {
            return new RelayTemporaryFailure("SES unreachable: " + exception.Message);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new RelayTemporaryFailure("SES timed out: " + exception.Message);
        }
        catch (AmazonClientException exception)
        {
            // No credentials could be resolved: a setup problem an operator fixes; keep the mail queued meanwhile.
            return new RelayTemporaryFailure("SES credentials: " + exception.Message, SesErrors.AccountWait);
        }
    }

    private static string Describe(RelayResult result) => result switch
    {
        RelayTemporaryFailure temporary => temporary.Reason,
        RelayPermanentFailure permanent => permanent.RemoteReply,
        _ => result.ToString(),
    };
}
