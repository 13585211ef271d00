namespace ServerlessMail.Smtp;

/// <summary>
/// What the server does with a bare LF or a bare CR (one not part of a CRLF pair) in a command line or in message
/// content. There is one policy, applied everywhere: <see cref="Reject"/>. It is spelled out as a value so that the
/// options, the README and the logs name it.
/// </summary>
public enum BareLineEndingPolicy
{
    /// <summary>
    /// A command line containing one is refused with <c>500 5.5.2</c>; a message containing one is refused after its end
    /// with <c>554 5.6.11</c> and nothing is stored. Only CRLF ends a line, and only CRLF "." CRLF ends DATA, so no
    /// reading of the stream in which a lone LF ends a line can find a second message in it (SMTP smuggling).
    /// </summary>
    Reject,
}
