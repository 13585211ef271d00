using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessMail.Cli.Operator;

namespace ServerlessMail.Cli.Remote;

/// <summary><c>send</c> and <c>messages list|get</c> over the REST API, printing what the data-directory versions print.</summary>
internal static class RemoteMessages
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> SendAsync(
        RemoteApi api, string from, IReadOnlyList<string> to, string subject, string text, bool wait, bool json, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        using (api)
        {
            var inbox = await api.FindInboxAsync(from, cancellationToken).ConfigureAwait(false);
            var body = new JsonObject { ["to"] = new JsonArray([.. to.Select(t => JsonValue.Create(t))]), ["subject"] = subject, ["text"] = text };
            var sent = await api.PostAsync($"/v1/inboxes/{Id(inbox)}/send", body, cancellationToken).ConfigureAwait(false);
            var outboundId = sent.GetProperty("outboundId").GetString()!;
            var status = sent.GetProperty("status").GetString()!;
            if (wait)
            {
                status = await FollowAsync(api, outboundId, status, progress, cancellationToken).ConfigureAwait(false);
            }

            await output.WriteLineAsync(json
                ? JsonSerializer.Serialize(sent, Indented)
                : $"{outboundId}\nmessage: {sent.GetProperty("messageId").GetString()}\nstatus: {status}").ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }

    public static async Task<int> ListAsync(RemoteApi api, string address, string folder, int limit, bool json, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        using (api)
        {
            var inbox = await api.FindInboxAsync(address, cancellationToken).ConfigureAwait(false);
            var items = await api.ListAsync($"/v1/inboxes/{Id(inbox)}/messages?folder={Uri.EscapeDataString(folder)}", limit, progress, cancellationToken).ConfigureAwait(false);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(items, Indented)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            foreach (var item in items)
            {
                var from = item.GetProperty("from").EnumerateArray().Select(a => a.GetProperty("address").GetString()!).FirstOrDefault() ?? string.Empty;
                await output.WriteLineAsync(MessageText.ListLine(
                    Id(item), item.GetProperty("receivedAt").GetDateTimeOffset(), Flags(item), from, Text(item, "subject"))).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
    }

    public static async Task<int> GetAsync(RemoteApi api, string messageId, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        using (api)
        {
            var message = await api.GetAsync($"/v1/messages/{Uri.EscapeDataString(messageId)}", cancellationToken).ConfigureAwait(false);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(message, Indented)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var inbox = await api.GetAsync($"/v1/inboxes/{message.GetProperty("inboxId").GetString()}", cancellationToken).ConfigureAwait(false);
            var attachments = message.GetProperty("attachments").EnumerateArray()
                .Select(a => (Id(a), a.GetProperty("safeFileName").GetString()!, a.GetProperty("contentType").GetString()!, a.GetProperty("size").GetInt64()))
                .ToList();
            var view = new MessageView(
                Id(message), inbox.GetProperty("address").GetString()!, Text(message, "folder"), Flags(message), Addresses(message, "from"), Addresses(message, "to"),
                Addresses(message, "cc"), Text(message, "subject"), message.TryGetProperty("date", out var date) && date.ValueKind == JsonValueKind.String ? date.GetDateTimeOffset() : null,
                message.GetProperty("threadId").GetString()!, attachments, Text(message, "text") ?? Text(message, "html"));
            await MessageText.WriteAsync(output, view).ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }

    /// <summary>Polls the outbound record until it leaves the queue, printing each status on the way (at most 60 s).</summary>
    private static async Task<string> FollowAsync(RemoteApi api, string outboundId, string status, TextWriter progress, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        string? shown = null;
        while (true)
        {
            if (status != shown)
            {
                await progress.WriteLineAsync($"{outboundId}: {status}").ConfigureAwait(false);
                shown = status;
            }

            if (status is not ("queued" or "sending"))
            {
                return status;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new CliException($"{outboundId} is still {status} after 60 s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            status = (await api.GetAsync($"/v1/outbound/{outboundId}", cancellationToken).ConfigureAwait(false)).GetProperty("status").GetString()!;
        }
    }

    internal static string Id(JsonElement element) => element.GetProperty("id").GetString()!;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Flags(JsonElement element) =>
        element.GetProperty("flags").EnumerateArray().Select(f => MessageText.ImapFlag(f.GetString()!)).ToList();

    private static List<string> Addresses(JsonElement element, string name) =>
        element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => MessageText.Address(Text(a, "name"), a.GetProperty("address").GetString()!)).ToList()
            : [];
}
