using System.CommandLine;
using System.Globalization;
using ServerlessMail.Core;

namespace ServerlessMail.Cli.Operator;

/// <summary>An inbox's or an account's own quota flags. A number sets the limit, <c>none</c> removes it; an absent flag keeps it.</summary>
internal sealed class LimitOptions(string owner = "inbox")
{
    private readonly Option<string> _perDay = new("--sends-per-day") { Description = $"Recipients this {owner} may send to per UTC day, or none.", HelpName = "N|none" };
    private readonly Option<string> _perMinute = new("--sends-per-minute") { Description = $"Messages this {owner} may send per minute, or none.", HelpName = "N|none" };
    private readonly Option<string> _storedBytes = new("--stored-bytes") { Description = $"Bytes of mail this {owner} may hold, or none.", HelpName = "N|none" };

    public void AddTo(Command command)
    {
        command.Options.Add(_perDay);
        command.Options.Add(_perMinute);
        command.Options.Add(_storedBytes);
    }

    public QuotaLimits Read(ParseResult result, QuotaLimits current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var perDay = Read(result, _perDay, current.SendsPerDay, int.MaxValue);
        var perMinute = Read(result, _perMinute, current.SendsPerMinute, int.MaxValue);
        var storedBytes = Read(result, _storedBytes, current.StoredBytes, long.MaxValue);
        return new QuotaLimits((int?)perDay, (int?)perMinute, storedBytes);
    }

    /// <summary>The limit after this flag: the current one when absent, null (unlimited) for <c>none</c>.</summary>
    private static long? Read(ParseResult result, Option<string> option, long? current, long max)
    {
        if (result.GetResult(option) is null)
        {
            return current;
        }

        var text = result.GetValue(option)?.Trim();
        if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= max
            ? number
            : throw new CliException($"{option.Name}: '{text}' is not valid; expected a whole number or none.");
    }
}
