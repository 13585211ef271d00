using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ServerlessMail.Api.Http;
using ServerlessMail.Mime;

namespace ServerlessMail.Api.Endpoints;

/// <summary>
/// Mail client autoconfiguration without auth: Thunderbird's <c>config-v1.1.xml</c> and Outlook's POX autodiscover.
/// Both answer from the address's syntax alone, never from the store, so they reveal nothing about which addresses
/// exist: any well-formed address gets the same servers, with itself as the login name.
/// </summary>
internal static class AutoconfigEndpoints
{
    // An autodiscover request is a few hundred bytes; anything much bigger is not one.
    private const int MaxAutodiscoverBody = 16 * 1024;

    private static readonly XNamespace ResponseSchema = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
    private static readonly XNamespace OutlookSchema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/").WithTags("Autoconfig").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/.well-known/autoconfig/mail/config-v1.1.xml", Thunderbird).WithName("Autoconfig").Produces(StatusCodes.Status200OK, contentType: "application/xml");
        group.MapPost("/autodiscover/autodiscover.xml", OutlookAsync).WithName("Autodiscover").Produces(StatusCodes.Status200OK, contentType: "application/xml");
    }

    private static IResult Thunderbird(string? emailaddress, ApiOptions options)
    {
        var mailbox = ParseAddress(emailaddress);
        var host = options.PublicHostName;
        XElement Server(string element, string type, int port, string socket) => new(
            element,
            new XAttribute("type", type),
            new XElement("hostname", host),
            new XElement("port", port.ToString(CultureInfo.InvariantCulture)),
            new XElement("socketType", socket),
            new XElement("authentication", "password-cleartext"),
            new XElement("username", "%EMAILADDRESS%"));
        var document = new XDocument(
            new XElement(
                "clientConfig",
                new XAttribute("version", "1.1"),
                new XElement(
                    "emailProvider",
                    new XAttribute("id", mailbox.Domain),
                    new XElement("domain", mailbox.Domain),
                    new XElement("displayName", "ServerlessMail"),
                    new XElement("displayShortName", "ServerlessMail"),
                    Server("incomingServer", "imap", options.ImapsPort, "SSL"),
                    Server("incomingServer", "imap", options.ImapPort, "STARTTLS"),
                    Server("outgoingServer", "smtp", options.SubmissionsPort, "SSL"),
                    Server("outgoingServer", "smtp", options.SubmissionPort, "STARTTLS"))));
        return Results.Text(document.Declaration + document.ToString(), "application/xml; charset=utf-8");
    }

    private static async Task<IResult> OutlookAsync(HttpContext context, ApiOptions options, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await new BoundedReadStream(context.Request.Body, MaxAutodiscoverBody).CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        string? requested;
        try
        {
            // No DTDs and no external resolution: the body comes from anyone on the internet (XXE).
            using var reader = XmlReader.Create(buffer, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var request = XDocument.Load(reader);
            requested = request.Descendants().FirstOrDefault(e => e.Name.LocalName == "EMailAddress")?.Value.Trim();
        }
        catch (XmlException)
        {
            throw ApiProblem.BadRequest("The body is not an autodiscover request.");
        }

        var mailbox = ParseAddress(requested);
        XElement Protocol(string type, int port) => new(
            OutlookSchema + "Protocol",
            new XElement(OutlookSchema + "Type", type),
            new XElement(OutlookSchema + "Server", options.PublicHostName),
            new XElement(OutlookSchema + "Port", port.ToString(CultureInfo.InvariantCulture)),
            new XElement(OutlookSchema + "LoginName", mailbox.Address),
            new XElement(OutlookSchema + "SPA", "off"),
            new XElement(OutlookSchema + "SSL", "on"),
            new XElement(OutlookSchema + "AuthRequired", "on"));
        var response = new XDocument(
            new XElement(
                ResponseSchema + "Autodiscover",
                new XElement(
                    OutlookSchema + "Response",
                    new XElement(
                        OutlookSchema + "Account",
                        new XElement(OutlookSchema + "AccountType", "email"),
                        new XElement(OutlookSchema + "Action", "settings"),
                        Protocol("IMAP", options.ImapsPort),
                        Protocol("SMTP", options.SubmissionsPort)))));
        return Results.Text(response.ToString(), "application/xml; charset=utf-8");
    }

    private static MailboxAddress ParseAddress(string? address) =>
        address is { Length: > 0 and <= 320 } && AddressParser.TryParseMailbox(address, out var mailbox) && mailbox.Name is null
            ? mailbox
            : throw ApiProblem.BadRequest("emailaddress must be an email address.");
}
