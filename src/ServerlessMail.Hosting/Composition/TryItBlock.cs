using System.Globalization;
using System.Net;
using System.Text;

namespace ServerlessMail.Hosting;

/// <summary>
/// The short "try it" text the first start prints once beside the new admin token: copy-paste commands that create an
/// inbox through the API, send to it with swaks, read it back, and the settings an IMAP client needs.
/// </summary>
public static class TryItBlock
{
    public static string Render(FirstStartResult first, IPAddress listen, int smtpPort, int apiPort, int imapPort, int imapsPort)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(listen);
        var host = ReachableHost(listen);
        var api = $"http://{host}:{apiPort.ToString(CultureInfo.InvariantCulture)}";
        var address = "agent@" + first.Domain;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"First start: created the default account for {first.Domain}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Admin token (shown once; also in {first.AdminTokenPath}, mode 0600):");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {first.NewAdminToken}");
        text.AppendLine();
        text.AppendLine("Try it:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  TOKEN=$(cat '{first.AdminTokenPath}')");
        text.AppendLine(CultureInfo.InvariantCulture, $"  INBOX=$(curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' -d '{{\"localPart\":\"agent\"}}' {api}/v1/inboxes | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"id\"])')");
        text.AppendLine(CultureInfo.InvariantCulture, $"  swaks --server {host}:{smtpPort.ToString(CultureInfo.InvariantCulture)} --from you@elsewhere.test --to {address} --header 'Subject: hello'");
        text.AppendLine(CultureInfo.InvariantCulture, $"  curl -s -H \"Authorization: Bearer $TOKEN\" \"{api}/v1/inboxes/$INBOX/messages/wait?after=2000-01-01T00:00:00Z&timeout=30\"");
        text.AppendLine(CultureInfo.InvariantCulture, $"IMAP: host {host}, port {imapPort.ToString(CultureInfo.InvariantCulture)} (STARTTLS) or {imapsPort.ToString(CultureInfo.InvariantCulture)} (TLS), user {address}, password the token (the certificate is self-signed).");
        return text.ToString();
    }

    /// <summary>A wildcard listen address is not something to connect to; loopback reaches it from this machine.</summary>
    private static string ReachableHost(IPAddress listen)
    {
        if (listen.Equals(IPAddress.Any))
        {
            return "127.0.0.1";
        }

        if (listen.Equals(IPAddress.IPv6Any) || listen.Equals(IPAddress.IPv6Loopback))
        {
            return "[::1]";
        }

        return listen.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{listen}]" : listen.ToString();
    }
}
