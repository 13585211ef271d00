using System.Globalization;

namespace ServerlessMail.Relay.Smtp;

/// <summary>One (possibly multi-line) reply: the code and each line's text (RFC 5321 §4.2).</summary>
internal sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public bool IsPositive => Code is >= 200 and < 300;

    public bool IsTransient => Code is >= 400 and < 500;

    /// <summary>The lines joined, as recorded in history: "550 5.1.1 No such user".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Code} {string.Join(" / ", Lines)}").TrimEnd();
}

/// <summary>The server broke the protocol (a malformed or oversized reply, a closed connection, bytes across STARTTLS).</summary>
internal sealed class SmtpProtocolException(string message) : Exception(message);

/// <summary>The server answered a command with a refusal.</summary>
/// <param name="AboutMessage">True for MAIL, RCPT and DATA: a 5xx there refuses this message for good. False for the
/// session (greeting, EHLO, STARTTLS, AUTH): a refusal there says nothing about the message.</param>
internal sealed class SmtpRejectedException(string stage, SmtpReply reply, bool aboutMessage)
    : Exception($"{stage}: {reply}")
{
    public SmtpReply Reply { get; } = reply;

    public bool AboutMessage { get; } = aboutMessage;
}
