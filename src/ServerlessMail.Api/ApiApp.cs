using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using ServerlessMail.Api.Contracts;
using ServerlessMail.Api.Endpoints;
using ServerlessMail.Api.Http;
using ServerlessMail.Api.Messages;

namespace ServerlessMail.Api;

/// <summary>
/// Builds the REST API as a <see cref="WebApplication"/> a host starts and stops: the local server runs it beside
/// SMTP and IMAP on port 8080, and the Lambda host runs the same app behind Lambda Web Adapter. The host composes
/// the store and Core's services and passes them in (<see cref="ApiServices"/>); nothing here opens a store.
/// </summary>
public static class ApiApp
{
    public const string BasePath = "/v1";

    /// <summary>
    /// The app listening on <paramref name="urls"/> (e.g. <c>http://0.0.0.0:8080</c>). <paramref name="configure"/>
    /// may adjust the builder before it is built (logging, or the in-memory test server).
    /// </summary>
    public static WebApplication Create(ApiServices services, ApiOptions options, string[] urls, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(urls);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ApiApp).Assembly.GetName().Name });
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        AddServices(builder.Services, services, options);
        configure?.Invoke(builder);

        var app = builder.Build();

        // Behind Lambda Web Adapter (or any proxy on this machine) the peer is loopback and the client is in
        // X-Forwarded-For; the defaults trust that header from loopback peers only, so no remote client can spoof it.
        // The failed-auth budget is per client address and needs the real one.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor });
        app.UseMiddleware<ProblemMiddleware>();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseMiddleware<TokenAuthentication>();
        app.UseRateLimiter();
        app.UseMiddleware<IdempotencyMiddleware>();
        MapEndpoints(app);
        return app;
    }

    private static void AddServices(IServiceCollection collection, ApiServices services, ApiOptions options)
    {
        collection.AddSingleton(services);
        collection.AddSingleton(options);
        collection.AddSingleton(services.Tokens);
        collection.AddSingleton(services.Clock);
        collection.AddSingleton(new IdempotencyCache(options.IdempotencyEntries, services.Clock));
        collection.AddSingleton<FailedAuthLimiter>();
        collection.AddSingleton<Scope>();
        collection.AddSingleton<MessageReader>();
        collection.AddSingleton<ListingCache>();
        collection.ConfigureHttpJsonOptions(json => Configure(json));
        collection.Configure<RouteHandlerOptions>(route => route.ThrowOnBadRequest = true);
        collection.AddRateLimiter(limiter => RateLimiting.Configure(limiter, options));
        collection.AddOpenApi(OpenApiEndpoints.DocumentName, OpenApiEndpoints.Configure);
    }

    private static void Configure(JsonOptions json)
    {
        json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        json.SerializerOptions.Converters.Add(new UtcTimeConverter());
    }

    private static void MapEndpoints(WebApplication app)
    {
        HealthEndpoints.Map(app);
        AutoconfigEndpoints.Map(app);
        OpenApiEndpoints.Map(app);
        var v1 = app.MapGroup(BasePath);
        InboxEndpoints.Map(v1);
        FolderEndpoints.Map(v1);
        MessageEndpoints.Map(v1);
        InboxMessageEndpoints.Map(v1);
        ThreadEndpoints.Map(v1);
        SendEndpoints.Map(v1);
        OutboundEndpoints.Map(v1);
        TokenEndpoints.Map(v1);
        AccessEndpoints.Map(v1);
    }
}
