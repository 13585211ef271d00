using Microsoft.Extensions.Logging;

namespace ServerlessMail.Smtp;

internal sealed partial class SmtpSession
{
    // A peer that stops reading must not hold a closing session open.
    private static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Buffers a reply; it goes out when the session next waits for input (or closes).</summary>
    public void Reply(SmtpReply reply)
    {
        var transcript = reply.WriteTo(_connection.Output);
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            SmtpLog.ServerLine(Logger, Id, transcript);
        }
    }

    /// <summary>
    /// Answers a protocol rejection and counts it: syntax and sequence errors towards <see cref="SmtpServerOptions.MaxBadCommands"/>,
    /// refused recipients towards <see cref="SmtpServerOptions.MaxRejectedRecipients"/>, failed AUTH towards
    /// <see cref="SmtpServerOptions.MaxAuthFailures"/>. Past a limit the session says 421 and closes.
    /// </summary>
    public void Reject(SmtpRejection rejection)
    {
        Reply(SmtpReplies.For(rejection));
        switch (rejection)
        {
            case SmtpRejection.UnknownUser or SmtpRejection.RelayDenied or SmtpRejection.AddressLiteral:
                CountTowards(ref _rejectedRecipients, Options.MaxRejectedRecipients, SmtpReplies.TooManyRejectedRecipients);
                break;
            case SmtpRejection.AuthFailed:
                CountTowards(ref _authFailures, Options.MaxAuthFailures, SmtpReplies.TooManyAuthFailures);
                break;
            case SmtpRejection.UnknownCommand or SmtpRejection.CommandLineTooLong or SmtpRejection.BareLineEndingInCommand
                or SmtpRejection.BadSequence or SmtpRejection.NeedHelo or SmtpRejection.NeedMail or SmtpRejection.NeedRecipient
                or SmtpRejection.SyntaxError or SmtpRejection.BadAddress or SmtpRejection.NotImplemented
                or SmtpRejection.UnknownParameter or SmtpRejection.NeedsSmtpUtf8 or SmtpRejection.TlsRequired
                or SmtpRejection.AuthRequired or SmtpRejection.AuthNotAvailable or SmtpRejection.AlreadyAuthenticated
                or SmtpRejection.UnknownMechanism or SmtpRejection.MalformedBase64 or SmtpRejection.TlsAlreadyActive
                or SmtpRejection.TlsNotAvailable:
                CountTowards(ref _badCommands, Options.MaxBadCommands, SmtpReplies.TooManyBadCommands);
                break;
        }
    }

    public async ValueTask FlushAsync()
    {
        await _connection.Output.FlushAsync(_cancellation).ConfigureAwait(false);
    }

    /// <summary>Writes a final reply and closes, without waiting long for a peer that does not read.</summary>
    private async Task ReplyAndCloseAsync(SmtpReply reply, string reason)
    {
        SmtpLog.Closing(Logger, Id, reason);
        Close();
        try
        {
            Reply(reply);
            using var timeout = new CancellationTokenSource(FinalFlushTimeout);
            await _connection.Output.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The peer is gone or not reading; the connection closes either way.
        }
    }

    private void CountTowards(ref int counter, int limit, SmtpReply closing)
    {
        if (++counter >= limit && !IsClosing)
        {
            Reply(closing);
            SmtpLog.Closing(Logger, Id, closing.Text);
            Close();
        }
    }
}
