using System.CommandLine;
using ServerlessMail.Hosting;

namespace ServerlessMail.Cli.Server;

/// <summary>
/// Command-line options made from Hosting's <see cref="Setting"/> table, so the flags, their variables and their help
/// stay one list. Values are taken as text and parsed by <see cref="ServerOptionsBinder"/>, whose errors name the
/// flag or variable; switches are flags without a value.
/// </summary>
internal sealed class SettingOptions
{
    private readonly List<(Setting Setting, Option Option)> _options = [];

    public SettingOptions(IEnumerable<Setting> settings)
    {
        foreach (var setting in settings.Where(s => !s.EnvironmentOnly))
        {
            var variables = setting.AliasVariable is { } old ? $"{setting.EnvironmentVariable} or {old}" : setting.EnvironmentVariable;
            var description = $"{setting.Description} [env: {variables}]";
            string[] aliases = setting.AliasFlag is { } alias ? [alias] : [];
            Option option = setting.IsSwitch
                ? new Option<bool>(setting.Flag, aliases) { Description = description }
                : new Option<string>(setting.Flag, aliases) { Description = description, HelpName = setting.ArgumentName };
            _options.Add((setting, option));
        }
    }

    public void AddTo(Command command)
    {
        foreach (var (_, option) in _options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The flags given on this command line, and the process environment, as one source.</summary>
    public SettingSource Source(ParseResult result)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (setting, option) in _options)
        {
            if (result.GetResult(option) is null)
            {
                continue;
            }

            var value = option switch
            {
                Option<bool> flag => result.GetValue(flag) ? "true" : "false",
                Option<string> text => result.GetValue(text),
                _ => null,
            };
            if (value is not null)
            {
                flags[setting.Name] = value;
            }
        }

        return new SettingSource(flags, SettingSource.ProcessEnvironment());
    }
}
