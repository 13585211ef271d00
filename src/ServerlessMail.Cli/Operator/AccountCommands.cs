using System.CommandLine;
using System.Text.Json;
using ServerlessMail.Cli.Server;
using ServerlessMail.Core;
using ServerlessMail.Hosting;

namespace ServerlessMail.Cli.Operator;

/// <summary><c>serverlessmail account create|limits</c>: an account for a domain, with its admin token; its quotas.</summary>
internal static class AccountCommands
{
    public static Command Create()
    {
        var account = new Command("account", "Create accounts (tenants) and set their limits. 'inbox create' makes one for a new domain by itself.");
        var domain = new Argument<string>("domain") { Description = "The account's first (default) domain." };
        var name = new Option<string>("--name") { Description = "The account's name. Default: the domain." };
        var json = InboxCommands.JsonOption();
        var settings = new SettingOptions(ServerSettings.StoreSettings);
        var create = new Command("create", "Create an account for a domain. Prints its admin token first (shown once), then the account id.") { domain, name, json };
        settings.AddTo(create);
        create.SetAction((result, cancellationToken) => OperatorSession.RunAsync(
            settings.Source(result),
            async session =>
            {
                var normalized = RecipientResolver.Normalize("x@" + result.GetRequiredValue(domain))?.Domain ?? throw new CliException("not a domain name.");
                if (await session.Store.GetDomainAsync(normalized, cancellationToken).ConfigureAwait(false) is not null)
                {
                    throw new CliException($"an account already hosts {normalized}.");
                }

                var (created, adminToken) = await session.Accounts.CreateAsync(result.GetValue(name) ?? normalized, normalized, cancellationToken).ConfigureAwait(false);
                var output = result.InvocationConfiguration.Output;
                await output.WriteLineAsync(result.GetValue(json)
                    ? JsonSerializer.Serialize(new CreatedAccountJson(created.Id, normalized, adminToken), OperatorJsonContext.Default.CreatedAccountJson)
                    : $"{adminToken}\naccount: {created.Id}\ndomain: {normalized}").ConfigureAwait(false);
                return ExitCodes.Success;
            },
            cancellationToken));
        account.Subcommands.Add(create);
        account.Subcommands.Add(CreateLimits());
        return account;
    }

    private static Command CreateLimits()
    {
        var domain = new Argument<string>("domain") { Description = "A domain the account hosts." };
        var limits = new LimitOptions("account");
        var json = InboxCommands.JsonOption();
        var settings = new SettingOptions(ServerSettings.StoreSettings);
        var command = new Command("limits", "Show an account's send and storage limits, or change the ones given (they apply across all its inboxes).") { domain, json };
        limits.AddTo(command);
        settings.AddTo(command);
        command.SetAction((result, cancellationToken) => OperatorSession.RunAsync(
            settings.Source(result),
            async session =>
            {
                var name = RecipientResolver.Normalize("x@" + result.GetRequiredValue(domain))?.Domain ?? throw new CliException("not a domain name.");
                var hosted = await session.Store.GetDomainAsync(name, cancellationToken).ConfigureAwait(false) ?? throw new CliException($"no account hosts {name}.");
                var account = await session.Store.GetAccountAsync(hosted.AccountId, cancellationToken).ConfigureAwait(false)
                    ?? throw new CliException($"the account of {name} is gone.");
                var changed = limits.Read(result, account.Limits);
                if (changed != account.Limits)
                {
                    account = account with { Limits = changed };
                    await session.Store.UpdateAccountAsync(account, cancellationToken).ConfigureAwait(false);
                }

                var output = result.InvocationConfiguration.Output;
                var limitsJson = new LimitsJson(account.Limits.SendsPerDay, account.Limits.SendsPerMinute, account.Limits.StoredBytes);
                await output.WriteLineAsync(result.GetValue(json)
                    ? JsonSerializer.Serialize(new AccountJson(account.Id, account.Name, limitsJson, account.CreatedAt), OperatorJsonContext.Default.AccountJson)
                    : $"{account.Id} ({name}): {InboxCommands.Describe(account.Limits, "unlimited")}").ConfigureAwait(false);
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }
}
