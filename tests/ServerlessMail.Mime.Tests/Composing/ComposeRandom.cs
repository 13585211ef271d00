using System.Text;

namespace ServerlessMail.Mime.Tests.Composing;

/// <summary>Seeded generator of message content for round-trip properties: the same seed always gives the same message.</summary>
internal sealed class ComposeRandom(int seed)
{
    private static readonly string[] Words =
    [
        "hello", "Re:", "meeting", "report", "2024", "Q3", "a", "x", "(draft)", "[list]", "50%", "don't", "\"quoted\"",
        "back\\slash", "a,b", "semi;colon", "e-mail", "user@host", "=?", "?=", "=?utf-8?Q?fake?=", "_under_", "tab\tbed",
        "caf\u00e9", "Gr\u00fc\u00dfe", "na\u00efve", "\u00c5ngstr\u00f6m", "\u0141\u00f3d\u017a", "\u65e5\u672c\u8a9e",
        "\u4e2d\u6587\u6807\u9898", "\ud55c\uad6d\uc5b4", "\u0440\u0443\u0441\u0441\u043a\u0438\u0439", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
        "\u05e2\u05d1\u05e8\u05d9\u05ea", "\U0001F600", "\U0001F389\U0001F38A", "\U0001F468\u200D\U0001F469\u200D\U0001F467",
        "\U0001F44D\U0001F3FD", "e\u0301", "\u20ac100",
    ];

    private static readonly string[] Domains =
    [
        "example.com", "mail.example.org", "sub.domain.example.net", "b\u00fccher.example", "\u4f8b\u5b50.\u6d4b\u8bd5",
        "xn--mnchen-3ya.example", "\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
    ];

    private static readonly string[] LocalParts =
    [
        "alice", "bob.smith", "first.last+tag", "o'neil", "x_y-z", "a!#$%&'*+/=?^_`{|}~", "john doe", "a..b", ".dot",
        "quote\"d", "back\\slash", "at@sign",
    ];

    private readonly Random _random = new(seed);

    public int Next(int max) => _random.Next(max);

    public bool Chance(int percent) => _random.Next(100) < percent;

    public string Text(int maxWords)
    {
        var count = _random.Next(1, maxWords + 1);
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(Chance(90) ? " " : Chance(50) ? "  " : "\t");
            }

            builder.Append(Chance(5) ? new string('w', _random.Next(60, 200)) : Words[_random.Next(Words.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>A display name, or null. Names are trimmed, as a phrase decoder trims them.</summary>
    public string? Name() => Chance(20) ? null : Text(6).Replace('\t', ' ').Trim() is { Length: > 0 } name ? name : null;

    public MailboxAddress Mailbox(bool asciiLocal = true)
    {
        var local = asciiLocal || Chance(70) ? LocalParts[_random.Next(LocalParts.Length)] : "\u7528\u6237" + _random.Next(100);
        return new MailboxAddress(Name(), local, Domains[_random.Next(Domains.Length)]);
    }

    public string Body(bool html)
    {
        var builder = new StringBuilder();
        var lines = _random.Next(0, 30);
        for (var i = 0; i < lines; i++)
        {
            var kind = _random.Next(10);
            builder.Append(kind switch
            {
                0 => new string('L', _random.Next(900, 2500)),
                1 => ".",
                2 => "From the start",
                3 => "trailing space ",
                4 => string.Empty,
                5 => "a=b =3D =?utf-8?Q?x?=",
                _ => Text(12),
            });
            builder.Append(_random.Next(3) switch
            {
                0 => "\r\n",
                1 => "\n",
                _ => Chance(10) ? "\r" : "\n",
            });
        }

        if (Chance(50))
        {
            builder.Append(Text(5));
        }

        return html ? "<html><body><p>" + builder + "</p></body></html>" : builder.ToString();
    }

    public string FileName()
    {
        var stem = Text(4).Replace('\t', ' ').Replace('\\', '_').Replace('"', '\'');
        return stem.Trim().Length == 0 ? "file.bin" : stem.Trim() + (Chance(50) ? ".pdf" : ".dat");
    }

    public byte[] Bytes()
    {
        var data = new byte[Chance(10) ? 0 : _random.Next(1, 5000)];
        _random.NextBytes(data);
        return data;
    }
}
