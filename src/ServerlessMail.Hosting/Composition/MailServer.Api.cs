using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessMail.Api;

namespace ServerlessMail.Hosting;

/// <summary>The REST API on Kestrel, in this process, over the same services as SMTP and IMAP.</summary>
public sealed partial class MailServer
{
    private WebApplication? _api;

    private async Task StartApiAsync(ServerServices services, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var api = new ApiServices(
            services.Store, services.Blobs, services.Tokens, services.Inboxes, services.Outbound, services.Append, services.Notifier,
            services.Threads, services.Quotas, services.Accounts, services.Clock);
        var options = new ApiOptions
        {
            PublicHostName = _options.HostName,
            SubmissionPort = SubmissionEndPoint.Port,
            SubmissionsPort = SubmissionsEndPoint.Port,
            ImapPort = ImapEndPoint.Port,
            ImapsPort = ImapsEndPoint.Port,
            MaxMessageBytes = _options.MaxMessageSize,
        };
        var endPoint = new IPEndPoint(_options.ListenAddress, _options.ApiPort);
        var url = string.Create(CultureInfo.InvariantCulture, $"http://{endPoint}");
        _api = ApiApp.Create(api, options, [url], builder =>
        {
            // The server's own log, and its own signal handling: the API stops when the MailServer does, not on its own.
            builder.Services.AddSingleton(loggers);
            builder.Services.AddSingleton<IHostLifetime, ServerOwnedLifetime>();
            builder.WebHost.UseShutdownTimeout(_options.DrainTimeout);
        });
        try
        {
            await _api.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw new ServerStartException($"cannot listen on {endPoint} (api): {exception.Message}", exception);
        }

        ApiEndPoint = _api.Urls.Select(u => new Uri(u)).Select(u => new IPEndPoint(IPAddress.Parse(u.Host.Trim('[', ']')), u.Port)).FirstOrDefault() ?? endPoint;
        HostLog.Listening(_logger, "api", ApiEndPoint);
    }

    private async Task StopApiAsync()
    {
        if (_api is null)
        {
            return;
        }

        using var drain = new CancellationTokenSource(_options.DrainTimeout);
        try
        {
            await _api.StopAsync(drain.Token).ConfigureAwait(false);
        }
        finally
        {
            await _api.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A lifetime that leaves start and stop to the MailServer (the generic host's would catch SIGTERM itself).</summary>
    private sealed class ServerOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
