using System.Globalization;
using ServerlessMail.Api.Http;
using ServerlessMail.Api.Messages;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Endpoints;

/// <summary>
/// Wait-for: a long poll that answers with the first matching message to arrive in INBOX after <c>after</c> (a
/// message id, a time, or by default the moment of the request), or 204 at the timeout. It subscribes to Core's
/// <see cref="MailboxNotifier"/> before each store read, so a delivery between the read and the wait still wakes it;
/// it re-reads without a notification only every <see cref="ApiOptions.WaitRecheckInterval"/>, for deliveries made
/// by another process. Once the app starts stopping (<see cref="IHostApplicationLifetime.ApplicationStopping"/>) a
/// wait in flight answers 204 at once, as at its timeout: a long poll must not hold the shutdown for the whole drain,
/// and the client simply asks again (of the next server, or the same one restarted).
/// </summary>
internal static partial class InboxMessageEndpoints
{
    // How far back one check reads: new mail is at the top of the newest-first listing.
    private const int ScanPages = 10;
    private const int ScanPageSize = 50;

    private static async Task<IResult> WaitAsync(
        string inboxId,
        int? timeout,
        string? after,
        string? from,
        string? subject,
        string? to,
        HttpContext context,
        Scope scope,
        MessageReader reader,
        ApiServices services,
        ApiOptions options,
        IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var inbox = await scope.InboxAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Read);
        var seconds = timeout ?? 30;
        if (seconds < 0 || seconds > options.MaxWait.TotalSeconds)
        {
            throw ApiProblem.BadRequest($"timeout must be between 0 and {options.MaxWait.TotalSeconds} seconds.");
        }

        var folder = await scope.FolderAsync(inbox, Folder.InboxName, cancellationToken).ConfigureAwait(false);
        var (afterUid, afterTime) = await BaselineAsync(principal, folder, after, scope, cancellationToken).ConfigureAwait(false);
        var query = new MessageQuery(From: Blank(from), To: Blank(to), Subject: Blank(subject));
        var deadline = services.Clock.GetUtcNow() + TimeSpan.FromSeconds(seconds);
        using var waitOrStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        while (true)
        {
            var change = services.Notifier.NextChangeAsync(inbox.Id);
            var found = await FindNewAsync(services.Store, folder.Id, query, afterUid, afterTime, cancellationToken).ConfigureAwait(false);
            if (found is not null)
            {
                return TypedResults.Ok(await reader.ReadAsync(found, options.DefaultMaxTextBytes, cancellationToken).ConfigureAwait(false));
            }

            var remaining = deadline - services.Clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero || lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return TypedResults.NoContent();
            }

            try
            {
                await MailboxNotifier.WaitAsync(change, remaining < options.WaitRecheckInterval ? remaining : options.WaitRecheckInterval, waitOrStop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return TypedResults.NoContent();
            }
        }
    }

    /// <summary>New means a UID above the baseline (UIDs only grow, RFC 3501 §2.3.1.1) or, for a time, received after it.</summary>
    private static async Task<(uint AfterUid, DateTimeOffset? AfterTime)> BaselineAsync(Principal principal, Folder folder, string? after, Scope scope, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(after))
        {
            return (folder.UidNext - 1, null);
        }

        if (Ids.IsWellFormed(after, Ids.Message))
        {
            var (message, _) = await scope.MessageAsync(principal, after, cancellationToken).ConfigureAwait(false);
            return message.FolderId == folder.Id ? (message.Uid, null) : (0u, message.InternalDate);
        }

        return DateTimeOffset.TryParse(after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? (0u, time)
            : throw ApiProblem.BadRequest("after must be a message id or an ISO 8601 time.");
    }

    private static async Task<StoredMessage?> FindNewAsync(IMailStore store, string folderId, MessageQuery query, uint afterUid, DateTimeOffset? afterTime, CancellationToken cancellationToken)
    {
        StoredMessage? oldest = null;
        string? cursor = null;
        for (var page = 0; page < ScanPages; page++)
        {
            var result = await store.ListMessagesAsync(folderId, query, new PageRequest(ScanPageSize, cursor), cancellationToken).ConfigureAwait(false);
            foreach (var message in result.Items)
            {
                if (message.Uid <= afterUid)
                {
                    return oldest;
                }

                if (afterTime is null || message.InternalDate > afterTime)
                {
                    oldest = message;
                }
            }

            if (result.NextCursor is null)
            {
                break;
            }

            cursor = result.NextCursor;
        }

        return oldest;
    }
}
