using ServerlessMail.Core;

namespace ServerlessMail.Smtp;

/// <summary>
/// RCPT (RFC 5321 §4.1.1.3). Inbound takes hosted addresses only and is never a relay: address literals, source
/// routes pointing elsewhere, %-hacks, !-paths and quoted local parts hiding an @ are all refused before the lookup,
/// and a domain we do not host is refused by it. Submission takes any domain address from the authenticated inbox.
/// </summary>
internal static class RcptHandler
{
    public static async ValueTask<SmtpState> HandleAsync(SmtpSession session, SmtpState state, ReadOnlyMemory<byte> arguments)
    {
        var (helo, mail, recipients) = state switch
        {
            MailState m => (m.Helo, m.Mail, (IReadOnlyList<string>)[]),
            RecipientsState r => (r.Helo, r.Mail, r.Recipients),
            _ => throw new InvalidOperationException($"RCPT in {state.Kind}."),
        };

        if (recipients.Count >= session.Options.MaxRecipients)
        {
            session.Reject(SmtpRejection.TooManyRecipients);
            return state;
        }

        var rejection = RcptParser.TryParse(arguments.Span, out var command);
        if (rejection is null && command!.Path is { IsAscii: false } && !mail.SmtpUtf8)
        {
            rejection = SmtpRejection.NeedsSmtpUtf8;
        }

        rejection ??= command!.Path switch
        {
            { IsAddressLiteral: true } => SmtpRejection.AddressLiteral,
            { HasRoutingCharacters: true } when !session.IsSubmission => SmtpRejection.RelayDenied,
            _ => null,
        };

        var address = command?.Path?.Address ?? "postmaster@" + session.Options.HostName;
        if (rejection is null && !session.IsSubmission)
        {
            rejection = await ResolveAsync(session, address).ConfigureAwait(false);
        }

        if (rejection is { } refused)
        {
            if (refused != SmtpRejection.StorageFault)
            {
                session.Reject(refused);
            }

            return state;
        }

        session.Reply(SmtpReplies.RecipientOk);
        var normalized = address.ToLowerInvariant();
        return recipients.Contains(normalized, StringComparer.Ordinal)
            ? new RecipientsState(helo, mail, recipients)
            : new RecipientsState(helo, mail, [.. recipients, normalized]);
    }

    private static async Task<SmtpRejection?> ResolveAsync(SmtpSession session, string address)
    {
        try
        {
            var resolved = await session.Context.Services.Recipients.ResolveAsync(address, session.Cancellation).ConfigureAwait(false);
            return resolved.Kind switch
            {
                RecipientKind.Hosted => null,
                RecipientKind.UnknownUser => SmtpRejection.UnknownUser,
                _ => SmtpRejection.RelayDenied,
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            SmtpLog.StorageFault(session.Logger, session.Id, exception);
            session.Reply(new SmtpReply(451, "4.3.0", "Temporary lookup failure, try again later"));
            return SmtpRejection.StorageFault;
        }
    }
}
