using System.Reflection;

namespace ServerlessMail.Cdk.Tests;

/// <summary>
/// The managed dotnet10 runtime resolves <c>Assembly::Namespace.Type::Method</c> by reflection, constructs the type
/// with no arguments and passes the event as a Stream. Every handler string the stacks deploy must resolve the same way
/// in the ServerlessMail.Functions assembly (copied next to this test by its project reference, as publish copies it).
/// </summary>
public sealed class HandlerResolutionTests
{
    public static TheoryData<string> FunctionHandlers => [.. Handlers.Functions];

    [Theory]
    [MemberData(nameof(FunctionHandlers))]
    public void The_handler_string_resolves_to_a_public_stream_method(string handler)
    {
        var parts = handler.Split("::");
        Assert.Equal(3, parts.Length);
        var assembly = Assembly.Load(new AssemblyName(parts[0]));
        var type = assembly.GetType(parts[1], throwOnError: false);
        Assert.True(type is not null, $"{parts[1]} is not in {parts[0]}");
        Assert.True(type.IsPublic && !type.IsAbstract, $"{type} must be a public concrete class");
        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));

        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == parts[2]).ToList();
        var method = Assert.Single(methods);
        var parameters = method.GetParameters();
        Assert.NotEmpty(parameters);
        Assert.Equal(typeof(Stream), parameters[0].ParameterType);
        Assert.True(method.ReturnType == typeof(Stream) || method.ReturnType == typeof(Task<Stream>), $"{handler} returns {method.ReturnType}");
    }

    [Fact]
    public void A_wrong_handler_string_does_not_resolve()
    {
        // Guards the test above against a loader that accepts anything.
        var assembly = Assembly.Load(new AssemblyName("ServerlessMail.Functions"));
        Assert.Null(assembly.GetType("ServerlessMail.Functions.NoSuchFunction", throwOnError: false));
        Assert.DoesNotContain(assembly.GetType("ServerlessMail.Functions.IngestFunction")!.GetMethods(), m => m.Name == "Handle");
    }
}
