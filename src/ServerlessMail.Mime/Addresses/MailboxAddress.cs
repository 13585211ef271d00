using System.Globalization;

namespace ServerlessMail.Mime;

/// <summary>An RFC 5322 mailbox: an optional display name and an addr-spec.</summary>
public sealed class MailboxAddress : InternetAddress
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

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

    /// <summary><c>local@domain</c> exactly as written (domain in its written form).</summary>
    public string Address => LocalPart.Length == 0 && Domain.Length == 0 ? string.Empty : LocalPart + "@" + Domain;

    /// <summary>The domain in ASCII (punycode) form, or the written form when it cannot be converted.</summary>
    public string AsciiDomain => ConvertDomain(Domain, toAscii: true);

    /// <summary>The domain in Unicode form, or the written form when it cannot be converted.</summary>
    public string UnicodeDomain => ConvertDomain(Domain, toAscii: false);

    /// <summary>True when the local part needs SMTPUTF8 (RFC 6531) to travel.</summary>
    public bool HasInternationalLocalPart => !System.Text.Ascii.IsValid(LocalPart);

    public override string ToString() => Name is null ? Address : $"{Name} <{Address}>";

    private static string ConvertDomain(string domain, bool toAscii)
    {
        if (domain.Length == 0 || domain[0] == '[')
        {
            return domain;
        }

        try
        {
            return toAscii ? Idn.GetAscii(domain) : Idn.GetUnicode(domain);
        }
        catch (ArgumentException)
        {
            return domain;
        }
    }
}
