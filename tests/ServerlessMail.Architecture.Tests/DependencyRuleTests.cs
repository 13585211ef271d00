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

    [Fact]
    public void Mime_UsesTheBclOnly()
    {
        var references = Referenced("ServerlessMail.Mime");
        Assert.All(references, name => Assert.True(IsBcl(name), $"ServerlessMail.Mime references {name}"));
    }

    [Fact]
    public void Mime_HasNoNetworkingOrFileSystemPolicy()
    {
        // The MIME library parses and composes bytes; sockets and HTTP belong to the edges.
        var namespaces = ReferencedNamespaces("ServerlessMail.Mime");
        Assert.DoesNotContain("System.Net.Sockets", namespaces);
        Assert.DoesNotContain("System.Net.Http", namespaces);
        Assert.DoesNotContain("System.Net.Security", namespaces);
    }

    private static bool IsBcl(string assemblyName) =>
        BclPrefixes.Any(prefix => assemblyName == prefix || assemblyName.StartsWith(prefix + ".", StringComparison.Ordinal));

    private static string[] Referenced(string assemblyName) =>
        Assembly.Load(assemblyName).GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    private static HashSet<string> ReferencedNamespaces(string assemblyName)
    {
        var path = Assembly.Load(assemblyName).Location;
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeReferences)
        {
            namespaces.Add(metadata.GetString(metadata.GetTypeReference(handle).Namespace));
        }

        return namespaces;
    }
}
