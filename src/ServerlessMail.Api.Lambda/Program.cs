using System.Globalization;
using ServerlessMail.Api;
using ServerlessMail.Core;
using ServerlessMail.Functions;
using ServerlessMail.Hosting;

// The REST API on Lambda: the store from the same SERVERLESSMAIL_* variables as the functions, the app unchanged,
// on loopback at AWS_LWA_PORT (Lambda Web Adapter's default 8080) until Lambda stops the environment (SIGTERM).
var environment = FunctionHost.ProcessEnvironment();
var options = FunctionHost.BindOptions(environment);
var port = int.TryParse(Environment.GetEnvironmentVariable("AWS_LWA_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536 ? p : 8080;
var clock = TimeProvider.System;
await using var opened = await OpenedStore.OpenAsync(options.Store, clock);
var store = opened.Store;
var tokens = new TokenService(store, clock);
var threads = new ThreadResolver(store, clock);
var quotas = new QuotaService(store, clock);
var notifier = new MailboxNotifier();
var services = new ApiServices(
    store, opened.Blobs, tokens, new InboxService(store, opened.Blobs, clock), new OutboundService(store, opened.Blobs, quotas, threads, clock, notifier: notifier),
    new MessageAppendService(store, opened.Blobs, threads, clock, notifier), notifier, threads, quotas, new AccountService(store, tokens, clock), clock);
// The edge behind the NLB listens on the standard ports (the MailEdge stack), not the laptop server's defaults.
var api = new ApiOptions { PublicHostName = options.HostName, MaxMessageBytes = options.MaxMessageSize, SubmissionPort = 587, SubmissionsPort = 465, ImapPort = 143, ImapsPort = 993 };
await using var app = ApiApp.Create(services, api, [string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")]);
await app.RunAsync();
