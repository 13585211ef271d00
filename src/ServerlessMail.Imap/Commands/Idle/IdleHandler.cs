using System.Text;

namespace ServerlessMail.Imap;

/// <summary>
/// IDLE (RFC 2177). While idling, the session reports changes as they happen: it wakes on the in-process
/// <see cref="Core.MailboxNotifier"/> (delivery, other sessions, the REST API in the same process) and also re-reads the
/// store every <see cref="ImapServerOptions.IdlePollInterval"/> for writers it cannot hear (a Lambda on the AWS store).
/// DONE ends it. The token is re-checked on the way, so a revoked token's idle session gets BYE too.
/// </summary>
internal static class IdleHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        if (command.Arguments.Count > 0)
        {
            session.Bad(command.Tag, "IDLE takes no arguments");
            return state;
        }

        var authenticated = (AuthenticatedState)state;
        var selected = state as SelectedState;
        session.Continue("idling");
        var started = session.Context.Clock.GetUtcNow();
        while (!session.IsClosing)
        {
            var change = selected is null ? Task.Delay(Timeout.Infinite, session.Cancellation) : session.Services.Notifier.NextChangeAsync(selected.Mailbox.Inbox.Id);
            if (selected is not null)
            {
                await session.ReportChangesAsync(selected, allowExpunge: true).ConfigureAwait(false);
            }

            await session.FlushAsync().ConfigureAwait(false);
            var read = session.PendingReadTask();
            var wait = Min(session.Options.IdlePollInterval, session.Options.TokenRecheckInterval);
            using (var timer = new CancellationTokenSource())
            {
                await Task.WhenAny(read, change, Task.Delay(wait, session.Context.Clock, timer.Token)).ConfigureAwait(false);
                await timer.CancelAsync().ConfigureAwait(false);
            }

            if (read.IsCompleted)
            {
                var line = await session.ReadLineAsync(64).ConfigureAwait(false);
                if (line is null)
                {
                    session.Close();
                    return state;
                }

                if (Encoding.ASCII.GetString(line).Equals("DONE", StringComparison.OrdinalIgnoreCase))
                {
                    session.Ok(command.Tag, "IDLE terminated");
                    return state;
                }

                session.Bad(command.Tag, "Expected DONE");
                return state;
            }

            if (!await session.TokenStillValidAsync(authenticated.Identity, force: false).ConfigureAwait(false))
            {
                return state;
            }

            if (session.Context.Clock.GetUtcNow() - started > session.Options.IdleTimeout)
            {
                await session.ByeAndCloseAsync("Autologout; idle for too long").ConfigureAwait(false);
                return state;
            }
        }

        return state;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
