using System.Globalization;
using System.Text.Json;

namespace ServerlessMail.Hosting;

/// <summary>
/// The config file: one JSON object whose keys are the settings' names (or their aliases) as <c>serve --help</c> shows
/// them without the dashes, and whose values are strings, numbers or booleans. Values are kept as text and parsed by
/// <see cref="ServerOptionsBinder"/> like flags, with the file and key as their origin. An unknown key is an error
/// rather than ignored: a misspelt setting silently falling back to its default is the worst kind of config bug.
/// </summary>
internal sealed class ConfigFile
{
    /// <summary>A settings file is a few hundred bytes; anything near this is not one.</summary>
    private const long MaxBytes = 1024 * 1024;

    private readonly string _path;
    private readonly Dictionary<string, string> _values;

    private ConfigFile(string path, Dictionary<string, string> values)
    {
        _path = path;
        _values = values;
    }

    public static ConfigFile Load(string path, string origin)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new OptionsException($"{origin}: the config file {path} does not exist.");
            }

            if (info.Length > MaxBytes)
            {
                throw new OptionsException($"{path}: the config file is larger than {MaxBytes} bytes.");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new OptionsException($"{path}: cannot read the config file: {exception.Message}", exception);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 4 });
        }
        catch (JsonException exception)
        {
            throw new OptionsException($"{path}: not valid JSON ({exception.Message})", exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new OptionsException($"{path}: expected a JSON object of settings, such as {{\"smtp-port\": 2525}}.");
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var setting = ServerSettings.All.FirstOrDefault(s => s.Name == property.Name || s.Alias == property.Name);
                if (setting is null || setting == ServerSettings.Config)
                {
                    throw new OptionsException($"{path}: {property.Name}: not a setting; the keys are serve's flags without the dashes, such as smtp-port.");
                }

                var text = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Null => null,
                    _ => throw new OptionsException($"{path}: {property.Name}: expected a string, a number or true/false."),
                };
                if (text is not null)
                {
                    values[setting.Name] = text;
                }
            }

            return new ConfigFile(path, values);
        }
    }

    public (string Value, string Origin)? Get(Setting setting) =>
        _values.TryGetValue(setting.Name, out var value)
            ? (value, string.Create(CultureInfo.InvariantCulture, $"{_path}: {setting.Name}"))
            : null;
}
