namespace ServerlessMail.Functions;

/// <summary>
/// The shared shape of the handlers: Lambda constructs each with no arguments (the instance's shared
/// <see cref="FunctionHost"/>, opened from the environment on first use); tests and the local invoker pass a host.
/// </summary>
public abstract class LambdaFunction
{
    private readonly Func<Task<FunctionHost>> _host;

    private protected LambdaFunction(FunctionHost? host) =>
        _host = host is null ? FunctionHost.SharedAsync : () => Task.FromResult(host);

    /// <summary>The handler: one event in, one response out (the managed runtime passes and takes raw JSON).</summary>
    public abstract Task<Stream> HandleAsync(Stream input);

    private protected Task<FunctionHost> HostAsync() => _host();
}
