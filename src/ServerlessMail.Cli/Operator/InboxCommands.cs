using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ServerlessMail.Cli.Remote;
using ServerlessMail.Cli.Server;
using ServerlessMail.Core;
using ServerlessMail.Hosting;

namespace ServerlessMail.Cli.Operator;

/// <summary><c>serverlessmail inbox create|list|limits</c>, on the store <c>serve</c> uses.</summary>
internal static class InboxCommands
{
    public static Command Create()
    {
        var inbox = new Command("inbox", "Create, list and delete inboxes, and set their send limits.");
        inbox.Subcommands.Add(CreateCreate());
        inbox.Subcommands.Add(CreateList());
        inbox.Subcommands.Add(CreateLimits());
        inbox.Subcommands.Add(CreateDelete());
        return inbox;
    }

    public static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of text." };

    private static Command CreateCreate()
    {
        var address = new Argument<string>("address") { Description = "The inbox address, local@domain. A new domain gets its own account." };
        var displayName = new Option<string>("--display-name") { Description = "The name shown with the address." };
        var limits = new LimitOptions();
        var json = JsonOption();
        var settings = new SettingOptions(ServerSettings.StoreSettings);
        var command = new Command(
            "create",
            "Create an inbox with its folders (INBOX, Sent, Drafts, Trash, Junk, Archive). If no account hosts the domain yet, " +
            "one is created and its admin token is printed once. Prints the address first, then the inbox id.")
        {
            address, displayName, json,
        };
        limits.AddTo(command);
        settings.AddTo(command);
        var api = new ApiTarget();
        api.AddTo(command);
        command.SetAction((result, cancellationToken) => api.Resolve(result, settings.Source(result)) is { } remote
            ? limits.Read(result, QuotaLimits.Unlimited) != QuotaLimits.Unlimited
                ? throw new CliException("--sends-per-day, --sends-per-minute and --stored-bytes work on the data directory, not with --api-url.")
                : RemoteAdmin.CreateInboxAsync(remote, result.GetRequiredValue(address), result.GetValue(displayName), result.GetValue(json), result.InvocationConfiguration.Output, cancellationToken)
            : OperatorSession.RunAsync(
            settings.Source(result),
            session => CreateInboxAsync(session, result, result.GetRequiredValue(address), result.GetValue(displayName), limits, result.GetValue(json), cancellationToken),
            cancellationToken));
        return command;
    }

    private static async Task<int> CreateInboxAsync(
        OperatorSession session,
        ParseResult result,
        string address,
        string? displayName,
        LimitOptions limitOptions,
        bool json,
        CancellationToken cancellationToken)
    {
        var normalized = RecipientResolver.Normalize(address) ?? throw new CliException($"'{address}' is not an address (local@domain).");
        var limits = limitOptions.Read(result, QuotaLimits.Unlimited);
        var domain = await session.Store.GetDomainAsync(normalized.Domain, cancellationToken).ConfigureAwait(false);
        CreatedAccountJson? created = null;
        string accountId;
        if (domain is null)
        {
            var (account, adminToken) = await session.Accounts.CreateAsync(normalized.Domain, normalized.Domain, cancellationToken).ConfigureAwait(false);
            accountId = account.Id;
            created = new CreatedAccountJson(account.Id, normalized.Domain, adminToken);
        }
        else
        {
            accountId = domain.AccountId;
        }

        if (await session.Store.FindInboxByAddressAsync(normalized.Local + "@" + normalized.Domain, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new CliException($"the inbox {address} already exists.");
        }

        var inbox = await session.Inboxes.CreateAsync(OperatorSession.OperatorOf(accountId), normalized.Local, normalized.Domain, displayName, cancellationToken).ConfigureAwait(false);
        if (limits != inbox.Limits)
        {
            inbox = inbox with { Limits = limits };
            await session.Store.UpdateInboxAsync(inbox, cancellationToken).ConfigureAwait(false);
        }

        var output = result.InvocationConfiguration.Output;
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(ToJson(inbox, created), OperatorJsonContext.Default.InboxJson)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await output.WriteLineAsync(inbox.Address).ConfigureAwait(false);
        await output.WriteLineAsync($"id: {inbox.Id}").ConfigureAwait(false);
        await output.WriteLineAsync($"account: {inbox.AccountId}").ConfigureAwait(false);
        await output.WriteLineAsync($"limits: {Describe(inbox.Limits)}").ConfigureAwait(false);
        if (created is not null)
        {
            await output.WriteLineAsync($"new account for {created.Domain}; its admin token (shown once): {created.AdminToken}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static Command CreateList()
    {
        var domain = new Argument<string>("domain") { Description = "A hosted domain; lists the inboxes of the account that owns it." };
        var json = JsonOption();
        var settings = new SettingOptions(ServerSettings.StoreSettings);
        var command = new Command("list", "List the inboxes of the account that hosts a domain, newest first.") { domain, json };
        settings.AddTo(command);
        var api = new ApiTarget();
        api.AddTo(command);
        command.SetAction((result, cancellationToken) => api.Resolve(result, settings.Source(result)) is { } remote
            ? RemoteAdmin.ListInboxesAsync(remote, result.GetRequiredValue(domain), result.GetValue(json), result.InvocationConfiguration.Output, cancellationToken)
            : OperatorSession.RunAsync(
            settings.Source(result),
            async session =>
            {
                var name = RecipientResolver.Normalize("x@" + result.GetRequiredValue(domain))?.Domain ?? throw new CliException("not a domain name.");
                var hosted = await session.Store.GetDomainAsync(name, cancellationToken).ConfigureAwait(false) ?? throw new CliException($"no account hosts {name}.");
                var inboxes = new List<Inbox>();
                var page = new PageRequest(PageRequest.MaxLimit);
                while (true)
                {
                    var found = await session.Store.ListInboxesAsync(hosted.AccountId, page, cancellationToken).ConfigureAwait(false);
                    inboxes.AddRange(found.Items);
                    if (found.NextCursor is null)
                    {
                        break;
                    }

                    page = page with { Cursor = found.NextCursor };
                }

                var output = result.InvocationConfiguration.Output;
                if (result.GetValue(json))
                {
                    IReadOnlyList<InboxJson> list = inboxes.Select(i => ToJson(i, null)).ToList();
                    await output.WriteLineAsync(JsonSerializer.Serialize(list, OperatorJsonContext.Default.IReadOnlyListInboxJson)).ConfigureAwait(false);
                }
                else
                {
                    foreach (var inbox in inboxes)
                    {
                        await output.WriteLineAsync($"{inbox.Address}\t{inbox.Id}\t{Describe(inbox.Limits)}").ConfigureAwait(false);
                    }
                }

                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command CreateLimits()
    {
        var address = new Argument<string>("address") { Description = "The inbox address." };
        var limits = new LimitOptions();
        var json = JsonOption();
        var settings = new SettingOptions(ServerSettings.StoreSettings);
        var command = new Command("limits", "Show an inbox's send and storage limits, or change the ones given (the account's limits apply too).") { address, json };
        limits.AddTo(command);
        settings.AddTo(command);
        command.SetAction((result, cancellationToken) => OperatorSession.RunAsync(
            settings.Source(result),
            async session =>
            {
                var inbox = await session.InboxAsync(result.GetRequiredValue(address), cancellationToken).ConfigureAwait(false);
                var changed = limits.Read(result, inbox.Limits);
                if (changed != inbox.Limits)
                {
                    inbox = inbox with { Limits = changed };
                    await session.Store.UpdateInboxAsync(inbox, cancellationToken).ConfigureAwait(false);
                }

                var output = result.InvocationConfiguration.Output;
                await output.WriteLineAsync(result.GetValue(json)
                    ? JsonSerializer.Serialize(ToJson(inbox, null), OperatorJsonContext.Default.InboxJson)
                    : $"{inbox.Address}: {Describe(inbox.Limits)}").ConfigureAwait(false);
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command CreateDelete()
    {
        var address = new Argument<string>("address") { Description = "The inbox address." };
        var purge = new Option<bool>("--purge") { Description = "Also erase the raw messages no other inbox references." };
        var settings = new SettingOptions(ServerSettings.StoreSettings);
        var command = new Command("delete", "Delete an inbox with its folders and mail; its tokens stop working for it.") { address, purge };
        settings.AddTo(command);
        var api = new ApiTarget();
        api.AddTo(command);
        command.SetAction((result, cancellationToken) => api.Resolve(result, settings.Source(result)) is { } remote
            ? RemoteAdmin.DeleteInboxAsync(remote, result.GetRequiredValue(address), result.GetValue(purge), result.InvocationConfiguration.Output, cancellationToken)
            : OperatorSession.RunAsync(
            settings.Source(result),
            async session =>
            {
                var inbox = await session.InboxAsync(result.GetRequiredValue(address), cancellationToken).ConfigureAwait(false);
                await session.Inboxes.DeleteAsync(OperatorSession.OperatorOf(inbox.AccountId), inbox.Id, result.GetValue(purge), cancellationToken).ConfigureAwait(false);
                await result.InvocationConfiguration.Output.WriteLineAsync($"deleted {inbox.Address}").ConfigureAwait(false);
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static InboxJson ToJson(Inbox inbox, CreatedAccountJson? created) => new(
        inbox.Id, inbox.Address, inbox.AccountId, inbox.DisplayName,
        new LimitsJson(inbox.Limits.SendsPerDay, inbox.Limits.SendsPerMinute, inbox.Limits.StoredBytes), inbox.CreatedAt, created);

    /// <summary>One line for a set of limits; <paramref name="unset"/> says what a missing one means at this level.</summary>
    internal static string Describe(QuotaLimits limits, string unset = "only the account's limit") => string.Create(
        CultureInfo.InvariantCulture,
        $"sends/day {limits.SendsPerDay?.ToString(CultureInfo.InvariantCulture) ?? "-"}, sends/minute {limits.SendsPerMinute?.ToString(CultureInfo.InvariantCulture) ?? "-"}, stored bytes {limits.StoredBytes?.ToString(CultureInfo.InvariantCulture) ?? "-"} (- = {unset})");
}
