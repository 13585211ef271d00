namespace ServerlessMail.Smtp.LoadClient;

/// <summary>One server reply: its code and its lines (RFC 5321 §4.2), continuation markers removed.</summary>
internal sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public bool IsPositive => Code is >= 200 and < 400;

    public string Text => string.Join(" / ", Lines);

    public bool Advertises(string keyword) =>
        Lines.Skip(1).Any(line => line.Length >= 4 + keyword.Length
            && line.AsSpan(4).StartsWith(keyword, StringComparison.OrdinalIgnoreCase)
            && (line.Length == 4 + keyword.Length || line[4 + keyword.Length] == ' '));
}
