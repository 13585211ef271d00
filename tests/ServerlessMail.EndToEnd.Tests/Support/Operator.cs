namespace ServerlessMail.EndToEnd.Tests;

/// <summary>The operator commands, run as their own processes against a running server's data directory.</summary>
internal static class Operator
{
    public static Task<string> CreateInboxAsync(ServeProcess server, string address, params string[] flags) =>
        ChildProcess.CliAsync(["inbox", "create", address, "--data-dir", server.DataDirectory, "--fsync", "false", .. flags]);

    /// <summary>A send token for the inbox: the first line of <c>token create</c>'s output.</summary>
    public static async Task<string> CreateTokenAsync(ServeProcess server, string address)
    {
        var output = await ChildProcess.CliAsync("token", "create", "--inbox", address, "--permissions", "send", "--data-dir", server.DataDirectory, "--fsync", "false");
        return output.Split('\n')[0].Trim();
    }

    public static string Message(string from, string to, string subject, string? bcc = null) =>
        $"From: {from}\r\nTo: {to}\r\n" + (bcc is null ? string.Empty : $"Bcc: {bcc}\r\n") +
        $"Subject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@e2e.test>\r\n\r\nHello from the end-to-end tests.\r\nSecond line.\r\n";
}
