namespace ServerlessMail.Mime;

/// <summary>An RFC 5322 mailbox: an optional display name and an addr-spec.</summary>
public sealed class MailboxAddress : InternetAddress
{
    public MailboxAddress(string? name, string localPart, string domain, string? route = null)
        : base(string.IsNullOrEmpty(name) ? null : name)
    {
        ArgumentNullException.ThrowIfNull(localPart);
        ArgumentNullException.ThrowIfNull(domain);
        LocalPart = localPart;
        Domain = domain;
        Route = route;
    }

    /// <summary>The local part as written, without quotes (a quoted local part is unquoted; RFC 6532 allows UTF-8).</summary>
    public string LocalPart { get; }

    /// <summary>The domain as written: ASCII, punycode (<c>xn--</c>) or Unicode, or an address literal such as <c>[192.0.2.1]</c>.</summary>
    public string Domain { get; }

    /// <summary>An obsolete source route (RFC 5322 §4.4 obs-route), kept for display only; it never affects the address.</summary>
    public string? Route { get; }

    /// <summary>
    /// The addr-spec <c>local@domain</c>, domain as written. The local part is quoted when it is not a dot-atom
    /// (RFC 5322 §3.4.1), so the result always parses back to this same mailbox: <c>"alice@example.com"@evil.example</c>
    /// stays visibly a mailbox at evil.example. Empty for the null address <c>&lt;&gt;</c>.
    /// </summary>
    public string Address => LocalPart.Length == 0 && Domain.Length == 0
        ? string.Empty
        : AddressSyntax.QuoteLocalPart(LocalPart) + "@" + Domain;

    /// <summary>The domain in ASCII (punycode) form, or the written form when it cannot be converted.</summary>
    public string AsciiDomain => IdnDomain.ToAscii(Domain);

    /// <summary>The domain in Unicode form, or the written form when it is not valid, round-tripping punycode.</summary>
    public string UnicodeDomain => IdnDomain.ToUnicode(Domain);

    /// <summary>True when the local part needs SMTPUTF8 (RFC 6531) to travel.</summary>
    public bool HasInternationalLocalPart => !System.Text.Ascii.IsValid(LocalPart);

    public override string ToString() => Name is null ? Address : $"{Name} <{Address}>";
}
