using System.Net.Sockets;
using System.Security.Authentication;
using ServerlessMail.Core;

namespace ServerlessMail.Relay.Smtp;

/// <summary>
/// Relays through one configured SMTP smarthost, one session per message. Replies map to results: 4xx temporary; 5xx
/// to MAIL, RCPT or DATA permanent, with the remote reply; refusals of the session itself (greeting, TLS, AUTH) and
/// network faults temporary, with a pause, since they say nothing about the message.
/// </summary>
public sealed class SmarthostRelay : IMailRelay
{
    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create("\r\n\0<> \t");

    private readonly SmarthostOptions _options;

    public SmarthostRelay(SmarthostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    public string Name => "smarthost";

    public async Task<RelayResult> SendAsync(RelayMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsSafe(message.MailFrom) || message.Recipients.Any(r => r.Length == 0 || !IsSafe(r)))
        {
            return new RelayPermanentFailure("501 5.1.3 An envelope address contains characters SMTP cannot carry.");
        }

        try
        {
            var session = await SmarthostSession.OpenAsync(_options, cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                return await session.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SmtpRejectedException rejected) when (rejected.AboutMessage)
        {
            return rejected.Reply.IsTransient
                ? new RelayTemporaryFailure(rejected.Message)
                : new RelayPermanentFailure(rejected.Message);
        }
        catch (SmtpRejectedException rejected)
        {
            return new RelayTemporaryFailure("the smarthost refused the session: " + rejected.Message, _options.SessionFailureWait);
        }
        catch (Exception exception) when (exception is SmtpProtocolException or AuthenticationException)
        {
            return new RelayTemporaryFailure("smarthost session failed: " + exception.Message, _options.SessionFailureWait);
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            return new RelayTemporaryFailure("smarthost unreachable: " + exception.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RelayTemporaryFailure("the smarthost did not answer in time");
        }
    }

    /// <summary>No controls (CR, LF: command injection), no angle brackets or spaces in a path (RFC 5321 §4.1.2).</summary>
    private static bool IsSafe(string address) =>
        !address.AsSpan().ContainsAny(Unsafe) && !address.Any(char.IsControl);
}
