namespace ServerlessMail.Smtp;

/// <summary>Why message content was refused while it streamed. The first reason found wins.</summary>
internal enum BodyRejection
{
    None,

    /// <summary>A bare CR or bare LF (see <see cref="BareLineEndingPolicy"/>): <c>554 5.6.11</c>.</summary>
    BareLineEnding,

    /// <summary>A line past <see cref="SmtpServerOptions.MaxTextLineLength"/>: <c>554 5.6.0</c>.</summary>
    LineTooLong,

    /// <summary>More content than <see cref="SmtpServerOptions.MaxMessageSize"/>, whatever SIZE= said: <c>552 5.3.4</c>.</summary>
    TooLarge,
}
