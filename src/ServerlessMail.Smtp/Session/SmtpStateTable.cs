using System.Collections.Frozen;

namespace ServerlessMail.Smtp;

/// <summary>
/// The session's state machine as data: which commands each state allows (RFC 5321 §4.1.4, RFC 3030 §2 for BDAT),
/// and what a command out of place is told. Handlers only ever see the states listed for them here.
/// </summary>
internal static class SmtpStateTable
{
    private const SmtpVerb Anytime = SmtpVerb.Noop | SmtpVerb.Rset | SmtpVerb.Quit | SmtpVerb.Vrfy | SmtpVerb.Help | SmtpVerb.Expn;
    private const SmtpVerb Greeting = SmtpVerb.Ehlo | SmtpVerb.Helo;

    private static readonly FrozenDictionary<SmtpStateKind, SmtpVerb> Allowed = new Dictionary<SmtpStateKind, SmtpVerb>
    {
        [SmtpStateKind.Initial] = Anytime | Greeting,
        [SmtpStateKind.Ready] = Anytime | Greeting | SmtpVerb.Mail | SmtpVerb.StartTls | SmtpVerb.Auth,
        [SmtpStateKind.Mail] = Anytime | Greeting | SmtpVerb.Rcpt,
        [SmtpStateKind.Recipients] = Anytime | Greeting | SmtpVerb.Rcpt | SmtpVerb.Data | SmtpVerb.Bdat,

        // Between BDAT chunks only more chunks, RSET, NOOP and QUIT make sense; DATA is refused (RFC 3030 §2).
        [SmtpStateKind.Chunking] = SmtpVerb.Bdat | SmtpVerb.Rset | SmtpVerb.Noop | SmtpVerb.Quit,
    }.ToFrozenDictionary();

    public static bool Allows(SmtpStateKind state, SmtpVerb verb) => verb != SmtpVerb.Unknown && (Allowed[state] & verb) == verb;

    /// <summary>The rejection for <paramref name="verb"/> out of place in <paramref name="state"/>.</summary>
    public static SmtpRejection RejectionFor(SmtpStateKind state, SmtpVerb verb) => (state, verb) switch
    {
        (_, SmtpVerb.Unknown) => SmtpRejection.UnknownCommand,
        (SmtpStateKind.Initial, _) => SmtpRejection.NeedHelo,
        (SmtpStateKind.Ready, SmtpVerb.Rcpt or SmtpVerb.Data or SmtpVerb.Bdat) => SmtpRejection.NeedMail,
        (SmtpStateKind.Mail, SmtpVerb.Data or SmtpVerb.Bdat) => SmtpRejection.NeedRecipient,
        _ => SmtpRejection.BadSequence,
    };
}
