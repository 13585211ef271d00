using Amazon.Runtime;
using ServerlessMail.Relay.Ses;

namespace ServerlessMail.Relay.Tests;

internal static class SesClients
{
    public static SesOptions Options(Uri endpoint, int maxRecipientsPerCall = 50) => new()
    {
        Region = "us-east-1",
        Endpoint = endpoint,
        ConfigurationSetName = "serverlessmail-events",
        Credentials = new BasicAWSCredentials("AKIDTEST", "test-secret"),
        MaxRecipientsPerCall = maxRecipientsPerCall,
    };

    /// <summary>A relay to <paramref name="endpoint"/> through <paramref name="handler"/>; the HttpClient lives as long as the test.</summary>
    public static SesRelay Relay(Uri endpoint, HttpMessageHandler handler, int maxRecipientsPerCall = 50)
    {
        var options = Options(endpoint, maxRecipientsPerCall);
        return new SesRelay(new SesV2Client(new HttpClient(handler), options), options);
    }
}
