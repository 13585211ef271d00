using System.Collections;

namespace ServerlessMail.Hosting;

/// <summary>
/// Where setting values come from: the flags given (by setting name), the environment, and the config file that
/// <c>--config</c> or <c>SERVERLESSMAIL_CONFIG</c> names. A flag wins over its variable, a variable over the file; an
/// empty variable counts as unset, so <c>SERVERLESSMAIL_RELAY=</c> means the default (or the file's value). The file
/// is read on the first lookup, so its errors surface where the binder reports every other bad setting.
/// </summary>
public sealed class SettingSource
{
    private readonly IReadOnlyDictionary<string, string> _flags;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Lazy<ConfigFile?> _config;

    public SettingSource(IReadOnlyDictionary<string, string> flags, IReadOnlyDictionary<string, string> environment)
    {
        _flags = flags ?? throw new ArgumentNullException(nameof(flags));
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _config = new Lazy<ConfigFile?>(LoadConfig, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The process's environment, read once.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && key.StartsWith(Setting.EnvironmentPrefix, StringComparison.Ordinal) && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        return variables;
    }

    /// <summary>
    /// The value and where it came from (the flag, the variable, or the file and key, for error messages); null when
    /// unset. Throws <see cref="OptionsException"/> when the config file cannot be read.
    /// </summary>
    public (string Value, string Origin)? Get(Setting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (GetFromCommandLineOrEnvironment(setting) is { } given)
        {
            return given;
        }

        return setting == ServerSettings.Config ? null : _config.Value?.Get(setting);
    }

    private (string Value, string Origin)? GetFromCommandLineOrEnvironment(Setting setting)
    {
        if (!setting.EnvironmentOnly && _flags.TryGetValue(setting.Name, out var flag))
        {
            return (flag, setting.Flag);
        }

        if (_environment.TryGetValue(setting.EnvironmentVariable, out var variable) && variable.Length > 0)
        {
            return (variable, setting.EnvironmentVariable);
        }

        return setting.AliasVariable is { } alias && _environment.TryGetValue(alias, out var old) && old.Length > 0
            ? (old, alias)
            : null;
    }

    private ConfigFile? LoadConfig() =>
        GetFromCommandLineOrEnvironment(ServerSettings.Config) is var (path, origin) ? ConfigFile.Load(path, origin) : null;
}
