using ServerlessMail.Core;

namespace ServerlessMail.Smtp;

/// <summary>Every reply the server sends, in one place.</summary>
internal static class SmtpReplies
{
    public static readonly SmtpReply Ok = new(250, "2.0.0", "OK");
    public static readonly SmtpReply SenderOk = new(250, "2.1.0", "Sender OK");
    public static readonly SmtpReply RecipientOk = new(250, "2.1.5", "Recipient OK");
    public static readonly SmtpReply StartData = new(354, null, "Start mail input; end with <CRLF>.<CRLF>");
    public static readonly SmtpReply ReadyForTls = new(220, "2.0.0", "Ready to start TLS");
    public static readonly SmtpReply AuthSucceeded = new(235, "2.7.0", "Authentication successful");

    // RFC 5321 §3.5.3: VRFY is disabled politely; the reply neither confirms nor denies an address.
    public static readonly SmtpReply CannotVerify = new(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");

    public static readonly SmtpReply Help = new(
        214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH", ["See RFC 5321"]);

    public static readonly SmtpReply TooManyBadCommands = new(421, "4.7.0", "Too many errors, closing connection");
    public static readonly SmtpReply TooManyRejectedRecipients = new(421, "4.7.0", "Too many rejected recipients, closing connection");
    public static readonly SmtpReply TooManyAuthFailures = new(421, "4.7.0", "Too many authentication failures, closing connection");
    public static readonly SmtpReply CredentialsRevoked = new(421, "4.7.0", "The credentials are no longer valid, closing connection");
    public static readonly SmtpReply Timeout = new(421, "4.4.2", "Timeout waiting for input, closing connection");
    public static readonly SmtpReply TooSlow = new(421, "4.4.2", "Data arriving too slowly, closing connection");
    // RFC 4954 §6: the credentials could not be checked right now.
    public static readonly SmtpReply TemporaryAuthFailure = new(454, "4.7.0", "Temporary authentication failure, try again later");
    public static readonly SmtpReply ShuttingDown = new(421, "4.3.2", "Service shutting down, closing connection");

    // Not a 421: RFC 5321 §3.1 lets a server refuse a peer with 554 instead of greeting it.
    public static readonly SmtpReply TalkedBeforeGreeting = new(554, "5.5.0", "Protocol violation: talked before the greeting");

    public static SmtpReply Greeting(string host) => new(220, null, $"{host} ESMTP ServerlessMail");

    public static SmtpReply Bye(string host) => new(221, "2.0.0", $"{host} closing connection");

    public static SmtpReply TooManyConnections(string host) => new(421, "4.7.0", $"{host} Too many connections, try again later");

    public static SmtpReply Queued(string id) => new(250, "2.0.0", $"Ok: queued as {id}");

    public static SmtpReply ChunkReceived(long octets) => new(250, "2.0.0", $"{octets} octets received");

    /// <summary>RFC 4954 §4: an empty challenge for PLAIN, base64 prompts for LOGIN.</summary>
    public static SmtpReply Challenge(string base64) => new(334, null, base64);

    /// <summary>A quota refusal worded as the REST API words it: which limit, and when it resets.</summary>
    public static SmtpReply QuotaExceeded(QuotaDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Limit switch
        {
            QuotaLimitKind.SendsPerMinute => new SmtpReply(452, "4.7.1", $"Rate limited: {decision.Describe()}"),

            // RFC 3463 §3.3: X.2.2 "mailbox full"; the Sent copy would not fit, so the message is refused whole.
            QuotaLimitKind.StoredBytes => new SmtpReply(552, "5.2.2", $"Message refused: {decision.Describe()}"),
            _ => new SmtpReply(550, "5.7.1", $"Quota exceeded: {decision.Describe()}"),
        };
    }

    public static SmtpReply For(SmtpRejection rejection) => rejection switch
    {
        SmtpRejection.UnknownCommand => new(500, "5.5.1", "Command unrecognized"),
        SmtpRejection.CommandLineTooLong => new(500, "5.5.2", "Line too long"),
        SmtpRejection.BareLineEndingInCommand => new(500, "5.5.2", "Bare CR or LF in command line (RFC 5321 §2.3.8)"),
        SmtpRejection.BadSequence => new(503, "5.5.1", "Bad sequence of commands"),
        SmtpRejection.NeedHelo => new(503, "5.5.1", "Send EHLO or HELO first"),
        SmtpRejection.NeedMail => new(503, "5.5.1", "Send MAIL first"),
        SmtpRejection.NeedRecipient => new(503, "5.5.1", "Send RCPT first"),
        SmtpRejection.SyntaxError => new(501, "5.5.4", "Syntax error in parameters or arguments"),
        SmtpRejection.BadAddress => new(501, "5.1.3", "Bad address syntax"),
        SmtpRejection.NotImplemented => new(502, "5.5.1", "Command not implemented"),
        SmtpRejection.UnknownParameter => new(555, "5.5.4", "Parameter not recognized or not implemented"),
        SmtpRejection.DeclaredSizeTooLarge => new(552, "5.3.4", "Message size exceeds fixed limit"),
        SmtpRejection.TooManyRecipients => new(452, "4.5.3", "Too many recipients"),
        SmtpRejection.UnknownUser => new(550, "5.1.1", "Recipient address rejected: user unknown"),
        SmtpRejection.RelayDenied => new(550, "5.7.1", "Relay access denied"),
        SmtpRejection.AddressLiteral => new(550, "5.7.1", "Address literals are not accepted"),
        SmtpRejection.NeedsSmtpUtf8 => new(553, "5.6.7", "A non-ASCII address needs the SMTPUTF8 parameter"),
        SmtpRejection.TlsRequired => new(530, "5.7.0", "Must issue a STARTTLS command first"),
        SmtpRejection.AuthRequired => new(530, "5.7.0", "Authentication required"),
        SmtpRejection.AuthNotAvailable => new(502, "5.5.1", "AUTH is not available on this port"),
        SmtpRejection.AlreadyAuthenticated => new(503, "5.5.1", "Already authenticated"),
        SmtpRejection.UnknownMechanism => new(504, "5.5.4", "Unrecognized authentication mechanism"),
        SmtpRejection.MalformedBase64 => new(501, "5.5.2", "Malformed base64 or SASL response"),
        SmtpRejection.AuthCancelled => new(501, "5.0.0", "Authentication cancelled"),
        SmtpRejection.AuthFailed => new(535, "5.7.8", "Authentication credentials invalid"),
        SmtpRejection.SenderNotAllowed => new(550, "5.7.1", "Sender address not allowed for the authenticated inbox"),
        SmtpRejection.FromHeaderNotAllowed => new(550, "5.7.1", "From: header not allowed for the authenticated inbox"),
        SmtpRejection.TlsAlreadyActive => new(503, "5.5.1", "TLS already active"),
        SmtpRejection.TlsNotAvailable => new(502, "5.5.1", "STARTTLS is not available"),
        SmtpRejection.MessageTooLarge => new(552, "5.3.4", "Message size exceeds fixed limit"),
        SmtpRejection.TextLineTooLong => new(554, "5.6.0", "Message refused: a line is longer than the limit (RFC 5321 §4.5.3.1.6)"),
        SmtpRejection.BareLineEndingInContent => new(554, "5.6.11", "Message refused: bare CR or LF in content (RFC 5321 §2.3.8)"),
        SmtpRejection.StorageFault => new(451, "4.3.0", "Temporary storage failure, try again later"),
        SmtpRejection.MessageRefused => new(554, "5.6.0", "Message refused"),
        _ => throw new ArgumentOutOfRangeException(nameof(rejection), rejection, null),
    };
}
