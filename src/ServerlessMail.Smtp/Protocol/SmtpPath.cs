namespace ServerlessMail.Smtp;

/// <summary>
/// A parsed reverse- or forward-path (RFC 5321 §4.1.2). A source route is dropped, as §4.1.1.3 says a server SHOULD,
/// but remembered. <see cref="LocalPart"/> is the canonical form: a quoted local part whose content is a plain
/// dot-string is unquoted (<c>"joe"@x</c> is <c>joe@x</c>); <see cref="RawLocalPart"/> is the content with quoting
/// removed, which is what the routing checks look at.
/// </summary>
internal sealed record SmtpPath(string LocalPart, string RawLocalPart, string Domain, bool IsAddressLiteral, bool HasSourceRoute, bool IsAscii)
{
    public static SmtpPath Null { get; } = new(string.Empty, string.Empty, string.Empty, false, false, true);

    /// <summary>The null reverse-path <c>&lt;&gt;</c> of bounces.</summary>
    public bool IsNull => Domain.Length == 0;

    public string Address => IsNull ? string.Empty : LocalPart + "@" + Domain;

    /// <summary>
    /// True when the local part asks some host to route the mail on: a <c>%</c>-hack (<c>user%other@here</c>), a
    /// UUCP <c>!</c>-path, or an <c>@</c> inside a quoted local part. We never honour them.
    /// </summary>
    public bool HasRoutingCharacters => RawLocalPart.AsSpan().IndexOfAny("%!@") >= 0;
}
