namespace ServerlessMail.Cdk;

/// <summary>
/// The handler strings of deploy-contract.md (<c>Assembly::Namespace.Type::Method</c> for the managed dotnet10 runtime).
/// The tests resolve each one by reflection against the ServerlessMail.Functions assembly.
/// </summary>
public static class Handlers
{
    private const string Prefix = "ServerlessMail.Functions::ServerlessMail.Functions.";

    public const string Ingest = Prefix + "IngestFunction::HandleAsync";
    public const string Relay = Prefix + "RelayFunction::HandleAsync";
    public const string SesEvents = Prefix + "SesEventsFunction::HandleAsync";
    public const string Authorizer = Prefix + "AuthorizerFunction::HandleAsync";

    /// <summary>The API's Lambda Web Adapter entry: a script in the published Api.Lambda output.</summary>
    public const string Api = "run.sh";

    public static IReadOnlyList<string> Functions { get; } = [Ingest, Relay, SesEvents, Authorizer];
}
