namespace ServerlessMail.Functions;

/// <summary>
/// Runs one handler locally on an event file, for <c>serverlessmail invoke &lt;function&gt; --event FILE</c>: the same
/// handler class Lambda runs, composed from the same <c>SERVERLESSMAIL_*</c> settings, against the embedded store or the
/// AWS stand-ins (or a real account), so an operator can replay an event from the dead-letter queue without deploying.
/// </summary>
public static class LocalInvoker
{
    /// <summary>The function names <see cref="InvokeAsync(string, Stream, FunctionHost)"/> takes, and the handler each runs.</summary>
    public static IReadOnlyDictionary<string, string> Functions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ingest"] = typeof(IngestFunction).FullName!,
        ["relay"] = typeof(RelayFunction).FullName!,
        ["ses-events"] = typeof(SesEventsFunction).FullName!,
        ["authorizer"] = typeof(AuthorizerFunction).FullName!,
    };

    /// <summary>Runs <paramref name="function"/> on <paramref name="evt"/> with <paramref name="host"/>'s services; returns the handler's response.</summary>
    public static Task<Stream> InvokeAsync(string function, Stream evt, FunctionHost host)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(evt);
        ArgumentNullException.ThrowIfNull(host);
        return function switch
        {
            "ingest" => new IngestFunction(host).HandleAsync(evt),
            "relay" => new RelayFunction(host).HandleAsync(evt),
            "ses-events" => new SesEventsFunction(host).HandleAsync(evt),
            "authorizer" => new AuthorizerFunction(host).HandleAsync(evt),
            _ => throw new ArgumentException($"Unknown function '{function}'; expected one of: {string.Join(", ", Functions.Keys)}.", nameof(function)),
        };
    }

    /// <summary>Opens the store from <paramref name="environment"/>, runs the handler, and closes the store again.</summary>
    public static async Task<string> InvokeAsync(string function, Stream evt, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken = default)
    {
        if (!Functions.ContainsKey(function ?? throw new ArgumentNullException(nameof(function))))
        {
            throw new ArgumentException($"Unknown function '{function}'; expected one of: {string.Join(", ", Functions.Keys)}.", nameof(function));
        }

        var host = await FunctionHost.OpenAsync(environment, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            await using var response = await InvokeAsync(function, evt, host).ConfigureAwait(false);
            using var reader = new StreamReader(response);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
