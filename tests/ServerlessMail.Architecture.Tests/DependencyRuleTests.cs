using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ServerlessMail.Architecture.Tests;

/// <summary>
/// The layering rules of STYLE.md, checked on the compiled assemblies so they cannot quietly erode:
/// leaves use the BCL only, and dependencies point one way.
/// </summary>
public sealed class DependencyRuleTests
{
    private static readonly string[] BclPrefixes = ["System", "Microsoft.Win32", "netstandard", "mscorlib"];

    [Theory]
    [InlineData("ServerlessMail.Mime")]
    [InlineData("ServerlessMail.Net")]
    public void Leaves_UseTheBclOnly(string assembly)
    {
        var references = Referenced(assembly);
        Assert.All(references, name => Assert.True(IsBcl(name), $"{assembly} references {name}"));
    }

    [Theory]
    [InlineData("ServerlessMail.Mime")]
    [InlineData("ServerlessMail.Core")]
    public void LibrariesBelowTheEdges_OpenNoSocketsOrHttp(string assembly)
    {
        // Parsing and the domain work on bytes and ports; sockets, TLS streams and HTTP belong to edges and adapters.
        // (Enums such as AddressFamily live in System.Net.Sockets too, so the rule names the types that do I/O.)
        var types = ReferencedTypes(assembly);
        string[] forbidden =
        [
            "System.Net.Sockets.Socket", "System.Net.Sockets.TcpClient", "System.Net.Sockets.TcpListener",
            "System.Net.Sockets.UdpClient", "System.Net.Sockets.NetworkStream", "System.Net.Security.SslStream",
            "System.Net.Http.HttpClient", "System.Net.Http.HttpMessageHandler",
        ];
        Assert.Empty(types.Intersect(forbidden));
    }

    [Fact]
    public void Core_ReferencesOnlyTheBclAndMime()
    {
        var references = Referenced("ServerlessMail.Core");
        Assert.All(references, name => Assert.True(IsBcl(name) || name == "ServerlessMail.Mime", $"ServerlessMail.Core references {name}"));
    }

    [Theory]
    [InlineData("ServerlessMail.Smtp")]
    [InlineData("ServerlessMail.Imap")]
    public void ProtocolEdges_ReferenceOnlyCoreNetMimeAndLoggingAbstractions(string edge)
    {
        // A protocol edge reaches storage through Core's services only: no storage adapter, no other edge.
        string[] allowed = ["ServerlessMail.Core", "ServerlessMail.Net", "ServerlessMail.Mime", "Microsoft.Extensions.Logging.Abstractions"];
        var references = Referenced(edge);
        Assert.Contains("ServerlessMail.Core", references);
        Assert.All(references, name => Assert.True(IsBcl(name) || allowed.Contains(name), $"{edge} references {name}"));
    }

    [Theory]
    [InlineData("ServerlessMail.Relay.Ses", new[] { "ServerlessMail.Core", "AWSSDK.Core" })]
    [InlineData("ServerlessMail.Relay.Smtp", new[] { "ServerlessMail.Core" })]
    public void Relays_ReferenceCoreAndTheirOwnClientOnly(string assembly, string[] allowed)
    {
        // A relay adapter implements Core's IMailRelay: no storage adapter, no edge, no other relay, no Net plumbing.
        var references = Referenced(assembly);
        Assert.All(references, name => Assert.True(IsBcl(name) || allowed.Contains(name), $"{assembly} references {name}"));
        Assert.Contains("ServerlessMail.Core", references);
    }

    [Theory]
    [InlineData("ServerlessMail.Functions")]
    public void LambdaHosts_ComposeAdaptersButNoProtocolEdge(string host)
    {
        // A Lambda host composes the store and the relay (through Hosting) around Core's services; it speaks no
        // SMTP, IMAP or REST itself: those edges run in the edge container and the API function.
        string[] forbidden = ["ServerlessMail.Smtp", "ServerlessMail.Imap", "ServerlessMail.Api", "ServerlessMail.Net", "ServerlessMail.Cli"];
        var references = Referenced(host);
        Assert.Contains("ServerlessMail.Core", references);
        Assert.Contains("ServerlessMail.Hosting", references);
        Assert.All(references, name => Assert.DoesNotContain(name, forbidden));
    }

    [Fact]
    public void Core_KeepsTheRelayPortFreeOfTransports()
    {
        // The relay worker lives in Core and reaches SES or a smarthost only through IMailRelay.
        var types = ReferencedTypes("ServerlessMail.Core");
        Assert.DoesNotContain(types, t => t.StartsWith("Amazon.", StringComparison.Ordinal) || t.StartsWith("ServerlessMail.Relay.", StringComparison.Ordinal));
        Assert.NotNull(Assembly.Load("ServerlessMail.Core").GetType("ServerlessMail.Core.IMailRelay"));
    }

    private static bool IsBcl(string assemblyName) =>
        BclPrefixes.Any(prefix => assemblyName == prefix || assemblyName.StartsWith(prefix + ".", StringComparison.Ordinal));

    private static string[] Referenced(string assemblyName) =>
        Assembly.Load(assemblyName).GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    private static HashSet<string> ReferencedTypes(string assemblyName)
    {
        var path = Assembly.Load(assemblyName).Location;
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            types.Add(metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name));
        }

        return types;
    }
}
