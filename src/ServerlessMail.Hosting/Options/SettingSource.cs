using System.Collections;

namespace ServerlessMail.Hosting;

/// <summary>
/// Where setting values come from: the flags given (by setting name) and the environment. A flag wins over its
/// variable; an empty variable counts as unset, so <c>SERVERLESSMAIL_RELAY=</c> means the default.
/// </summary>
public sealed class SettingSource
{
    private readonly IReadOnlyDictionary<string, string> _flags;
    private readonly IReadOnlyDictionary<string, string> _environment;

    public SettingSource(IReadOnlyDictionary<string, string> flags, IReadOnlyDictionary<string, string> environment)
    {
        _flags = flags ?? throw new ArgumentNullException(nameof(flags));
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
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

    /// <summary>The value and where it came from (the flag or the variable, for error messages); null when unset.</summary>
    public (string Value, string Origin)? Get(Setting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (!setting.EnvironmentOnly && _flags.TryGetValue(setting.Name, out var flag))
        {
            return (flag, setting.Flag);
        }

        return _environment.TryGetValue(setting.EnvironmentVariable, out var variable) && variable.Length > 0
            ? (variable, setting.EnvironmentVariable)
            : null;
    }
}
