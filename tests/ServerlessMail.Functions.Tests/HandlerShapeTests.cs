using System.Reflection;

namespace ServerlessMail.Functions.Tests;

/// <summary>The deploy contract's handler strings resolve as the managed runtime resolves them.</summary>
public sealed class HandlerShapeTests
{
    [Theory]
    [InlineData("ServerlessMail.Functions::ServerlessMail.Functions.IngestFunction::HandleAsync")]
    [InlineData("ServerlessMail.Functions::ServerlessMail.Functions.RelayFunction::HandleAsync")]
    [InlineData("ServerlessMail.Functions::ServerlessMail.Functions.SesEventsFunction::HandleAsync")]
    [InlineData("ServerlessMail.Functions::ServerlessMail.Functions.AuthorizerFunction::HandleAsync")]
    public void EachHandlerStringNamesAPublicStreamMethodOnATypeWithAParameterlessConstructor(string handler)
    {
        var parts = handler.Split("::");
        var type = Assembly.Load(parts[0]).GetType(parts[1], throwOnError: true)!;
        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
        var method = Assert.Single(type.GetMethods(BindingFlags.Public | BindingFlags.Instance), m => m.Name == parts[2]);
        Assert.Equal(typeof(Stream), Assert.Single(method.GetParameters()).ParameterType);
        Assert.Equal(typeof(Task<Stream>), method.ReturnType);
    }

    [Fact]
    public void TheLocalInvokerKnowsEveryHandler()
    {
        var handlers = typeof(LambdaFunction).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(LambdaFunction))).Select(t => t.FullName);
        Assert.Equal(handlers.Order(), LocalInvoker.Functions.Values.Order());
    }

    [Fact]
    public void TheBuildWritesTheRuntimeConfigTheManagedRuntimeReads()
    {
        // A class library gets no runtimeconfig.json unless asked; without it the dotnet10 runtime cannot pick a framework.
        // The project's own output, beside this test's (bin/<configuration>/net10.0), not the copy referenced here.
        var testOutput = AppContext.BaseDirectory;
        var projectOutput = testOutput.Replace(
            Path.Combine("tests", "ServerlessMail.Functions.Tests"), Path.Combine("src", "ServerlessMail.Functions"), StringComparison.Ordinal);
        Assert.NotEqual(testOutput, projectOutput);
        var config = Path.Combine(projectOutput, "ServerlessMail.Functions.runtimeconfig.json");
        Assert.True(File.Exists(config), $"{config} is missing");
        Assert.Contains("\"tfm\": \"net10.0\"", File.ReadAllText(config), StringComparison.Ordinal);
    }
}
