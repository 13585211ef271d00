using System.Globalization;

namespace ServerlessMail.Smtp.LoadClient;

internal enum TlsMode
{
    StartTls,
    Implicit,
}

/// <summary>The command line, with every default in one place.</summary>
internal sealed record LoadSettings
{
    public const string TokenVariable = "SMTP_LOAD_TOKEN";

    public const string Usage =
        "usage: smtp-load --user ADDRESS [--token TOKEN | $" + TokenVariable + "] [--host 127.0.0.1] [--port 2587] " +
        "[--tls starttls|implicit] [--insecure] [--to ADDRESS] [--from ADDRESS] [--sessions 10] [--messages 1000] " +
        "[--size 4096] [--no-pipelining] [--quiet]";

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 2587;

    public TlsMode Tls { get; init; } = TlsMode.StartTls;

    /// <summary>Accept any server certificate (the local server's self-signed one). Off unless asked for.</summary>
    public bool Insecure { get; init; }

    /// <summary>The SASL user name: the sending inbox's address.</summary>
    public string User { get; init; } = "";

    /// <summary>The API token, used as the password. Prefer the environment variable: argv is visible to ps.</summary>
    public string Token { get; init; } = "";

    /// <summary>MAIL FROM and the From: header; the user by default, as the submission port requires.</summary>
    public string? From { get; init; }

    /// <summary>An outside address by default, so the message goes to the relay (local capture in a benchmark).</summary>
    public string To { get; init; } = "sink@example.net";

    public int Sessions { get; init; } = 10;

    /// <summary>Messages in total, shared by the sessions.</summary>
    public int Messages { get; init; } = 1_000;

    /// <summary>Bytes per message, headers included.</summary>
    public int Size { get; init; } = 4 * 1024;

    /// <summary>MAIL, RCPT and DATA in one write when the server offers PIPELINING (RFC 2920 §3.1).</summary>
    public bool Pipelining { get; init; } = true;

    public bool Quiet { get; init; }

    public string Sender => From ?? User;

    public static LoadSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new LoadSettings { Token = Environment.GetEnvironmentVariable(TokenVariable) ?? "" };
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--insecure":
                    settings = settings with { Insecure = true };
                    continue;
                case "--no-pipelining":
                    settings = settings with { Pipelining = false };
                    continue;
                case "--quiet":
                    settings = settings with { Quiet = true };
                    continue;
            }

            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--host" => settings with { Host = value },
                "--port" => settings with { Port = Number(value, 1, 65_535) },
                "--tls" => settings with { Tls = value switch
                {
                    "starttls" => TlsMode.StartTls,
                    "implicit" => TlsMode.Implicit,
                    _ => throw new ArgumentException("--tls is starttls or implicit."),
                } },
                "--user" => settings with { User = value },
                "--token" => settings with { Token = value },
                "--from" => settings with { From = value },
                "--to" => settings with { To = value },
                "--sessions" => settings with { Sessions = Number(value, 1, 10_000) },
                "--messages" => settings with { Messages = Number(value, 1, int.MaxValue) },
                "--size" => settings with { Size = Number(value, MessageFactory.MinimumSize, 64 * 1024 * 1024) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
            i++;
        }

        if (settings.User.Length == 0 || settings.Token.Length == 0)
        {
            throw new ArgumentException($"--user and a token (--token or ${TokenVariable}) are required.");
        }

        return settings;
    }

    private static int Number(string value, int min, int max)
    {
        var number = int.Parse(value, CultureInfo.InvariantCulture);
        return number >= min && number <= max ? number : throw new ArgumentException($"{value} is outside {min}..{max}.");
    }
}
