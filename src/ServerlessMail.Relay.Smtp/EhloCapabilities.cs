using System.Globalization;

namespace ServerlessMail.Relay.Smtp;

/// <summary>What a server's EHLO reply offers (RFC 5321 §4.1.1.1: one keyword and its parameters per line after the first).</summary>
internal sealed record EhloCapabilities(bool StartTls, IReadOnlySet<string> AuthMechanisms, long? MaxSize, bool EightBitMime, bool SmtpUtf8)
{
    public static readonly EhloCapabilities None = new(false, new HashSet<string>(), null, false, false);

    public static EhloCapabilities Parse(SmtpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var startTls = false;
        var eightBit = false;
        var utf8 = false;
        long? size = null;
        var auth = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in reply.Lines.Skip(1))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            var keyword = parts[0].ToUpperInvariant();
            switch (keyword)
            {
                case "STARTTLS":
                    startTls = true;
                    break;
                case "8BITMIME":
                    eightBit = true;
                    break;
                case "SMTPUTF8":
                    utf8 = true;
                    break;
                case "SIZE" when parts.Length > 1 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0:
                    size = limit;
                    break;
                case "AUTH":
                    auth.UnionWith(parts.Skip(1));
                    break;
                default:
                    // Pre-RFC 4954 servers also say "AUTH=PLAIN LOGIN".
                    if (keyword.StartsWith("AUTH=", StringComparison.Ordinal))
                    {
                        auth.Add(parts[0][5..]);
                        auth.UnionWith(parts.Skip(1));
                    }

                    break;
            }
        }

        return new EhloCapabilities(startTls, auth, size, eightBit, utf8);
    }
}
