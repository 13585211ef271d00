using ServerlessMail.Core;
using ServerlessMail.Relay.Ses;
using ServerlessMail.Relay.Smtp;

namespace ServerlessMail.Hosting;

/// <summary>The outbound relay the options name, and what it holds open (the SES client's HttpClient).</summary>
public static class RelayFactory
{
    public static (IMailRelay Relay, IDisposable? Owned, string Description) Create(ServerOptions options)
    {
        switch (options.Relay)
        {
            case RelayKind.Ses:
                var ses = new SesOptions
                {
                    Region = options.SesRegion,
                    Endpoint = options.SesEndpoint,
                    ConfigurationSetName = options.SesConfigurationSet,
                };
                var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
                var endpoint = ses.ResolvedEndpoint;
                return (new SesRelay(new SesV2Client(http, ses), ses), http, $"SES v2 at {endpoint}");
            case RelayKind.Smtp:
                var host = options.Smarthost ?? throw new OptionsException("--relay smtp needs --smarthost HOST:PORT.");
                var smarthost = new SmarthostOptions
                {
                    Host = host.Host,
                    Port = host.Port,
                    Security = options.SmarthostTls switch
                    {
                        SmarthostTls.Implicit => SmarthostSecurity.ImplicitTls,
                        SmarthostTls.None => SmarthostSecurity.None,
                        _ => SmarthostSecurity.StartTls,
                    },
                    Username = options.SmarthostUser,
                    Password = options.SmarthostPassword,
                    ClientName = options.HostName,
                };
                var user = options.SmarthostUser is null ? "no AUTH" : "AUTH as " + options.SmarthostUser;
                return (new SmarthostRelay(smarthost), null, $"smarthost {host.Host}:{host.Port} ({options.SmarthostTls}, {user})");
            default:
                return (new LocalCaptureRelay(), null, "local capture (nothing leaves this machine)");
        }
    }
}
