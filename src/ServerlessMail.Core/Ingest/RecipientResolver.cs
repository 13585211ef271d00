using System.Globalization;

namespace ServerlessMail.Core;

public enum RecipientKind
{
    /// <summary>Delivered to a hosted inbox (by address, plus-address or catch-all).</summary>
    Hosted,

    /// <summary>A domain we host, but no inbox takes the address (SMTP 550 5.1.1).</summary>
    UnknownUser,

    /// <summary>Not a domain we host (SMTP 550 5.7.1: we are not a relay).</summary>
    NotHosted,
}

public sealed record ResolvedRecipient(string Address, RecipientKind Kind, Inbox? Inbox);

/// <summary>
/// Maps an address to a hosted inbox: exact address first, then <c>name+tag@domain</c> to <c>name</c>, then the
/// domain's catch-all. Only plain dot-atom local parts can match: inboxes are created that way.
/// </summary>
public sealed class RecipientResolver(IMailStore store)
{
    // STD3 rules refuse what is no host name (spaces, labels starting or ending with '-'), as the strict address parser does.
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    public async Task<ResolvedRecipient> ResolveAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalized = Normalize(address);
        if (normalized is null)
        {
            return new ResolvedRecipient(address, RecipientKind.NotHosted, null);
        }

        var (local, domainName) = normalized.Value;
        var domain = await store.GetDomainAsync(domainName, cancellationToken).ConfigureAwait(false);
        if (domain is null)
        {
            return new ResolvedRecipient(address, RecipientKind.NotHosted, null);
        }

        var inbox = await store.FindInboxByAddressAsync(local + "@" + domainName, cancellationToken).ConfigureAwait(false);
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (inbox is null && plus > 0)
        {
            inbox = await store.FindInboxByAddressAsync(local[..plus] + "@" + domainName, cancellationToken).ConfigureAwait(false);
        }

        if (inbox is null && domain.CatchAllInboxId is { } catchAll)
        {
            inbox = await store.GetInboxAsync(catchAll, cancellationToken).ConfigureAwait(false);
        }

        return inbox is null
            ? new ResolvedRecipient(address, RecipientKind.UnknownUser, null)
            : new ResolvedRecipient(address, RecipientKind.Hosted, inbox);
    }

    /// <summary>Lower-cases and converts the domain to ASCII; null for anything that is not <c>local@domain</c>.</summary>
    public static (string Local, string Domain)? Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return null;
        }

        var local = address[..at].ToLowerInvariant();
        string domain;
        try
        {
            // Lower-case first: punycode encodes case, so "BÜCHER" and "bücher" would otherwise be different domains.
            domain = Idn.GetAscii(address[(at + 1)..].TrimEnd('.').ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            return null;
        }

        return (local, domain);
    }
}
