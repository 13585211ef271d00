using System.CommandLine;
using ServerlessMail.Hosting;

namespace ServerlessMail.Cli.Remote;

/// <summary>
/// <c>--api-url URL</c> and <c>--token T</c>: when a URL is given (or <c>SERVERLESSMAIL_API_URL</c>), the command calls
/// the running server's REST API instead of opening the data directory. The token is <c>--token</c>, then
/// <c>SERVERLESSMAIL_TOKEN</c>, then the admin token file the first start wrote in the data directory.
/// </summary>
internal sealed class ApiTarget
{
    private const string UrlVariable = "SERVERLESSMAIL_API_URL";
    private const string TokenVariable = "SERVERLESSMAIL_TOKEN";

    private readonly Option<string> _url = new("--api-url") { Description = $"Call the running server's REST API at this URL (http://127.0.0.1:8080) instead of opening the data directory. [env: {UrlVariable}]", HelpName = "URL" };
    private readonly Option<string> _token = new("--token") { Description = $"The API token for --api-url. Default: {TokenVariable}, else DATA_DIR/admin.token. [env: {TokenVariable}]", HelpName = "TOKEN" };

    public void AddTo(Command command)
    {
        command.Options.Add(_url);
        command.Options.Add(_token);
    }

    /// <summary>The API client when the command should go remote; null to work on the data directory.</summary>
    public RemoteApi? Resolve(ParseResult result, SettingSource settings)
    {
        var environment = SettingSource.ProcessEnvironment();
        var text = result.GetValue(_url) ?? environment.GetValueOrDefault(UrlVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"--api-url: '{text}' is not valid; expected an http:// or https:// URL.", ExitCodes.BadOptions);
        }

        var token = result.GetValue(_token) ?? environment.GetValueOrDefault(TokenVariable) ?? ReadTokenFile(settings);
        return new RemoteApi(url, token.Trim());
    }

    private static string ReadTokenFile(SettingSource settings)
    {
        StoreOptions store;
        try
        {
            store = ServerOptionsBinder.BindStore(settings);
        }
        catch (OptionsException exception)
        {
            throw new CliException(exception.Message, ExitCodes.BadOptions);
        }

        var path = Path.GetFullPath(Path.Combine(store.DataDirectory, "admin.token"));
        try
        {
            return new FileInfo(path).Length <= 1024
                ? File.ReadAllText(path)
                : throw new CliException($"{path} is not a token file.", ExitCodes.BadOptions);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--api-url needs a token: give --token or {TokenVariable}, or run where {path} is readable ({exception.Message}).", ExitCodes.BadOptions);
        }
    }
}
