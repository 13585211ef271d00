using System.Net;
using System.Text.Json;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>The server's final reply to one message sent with python's smtplib (Scripts/send.py).</summary>
internal sealed record SmtpOutcome(bool Ok, string Stage, int Code, string Reply);

internal static class SmtpClient
{
    public static Task<SmtpOutcome> SubmitAsync(ServeProcess server, string user, string token, string raw, params string[] recipients) =>
        SendAsync("submission", server.Submission, server, user, token, user, raw, recipients);

    public static Task<SmtpOutcome> SubmitImplicitTlsAsync(ServeProcess server, string user, string token, string raw, params string[] recipients) =>
        SendAsync("submissions", server.Submissions, server, user, token, user, raw, recipients);

    public static Task<SmtpOutcome> DeliverInboundAsync(ServeProcess server, string mailFrom, string raw, params string[] recipients) =>
        SendAsync("inbound", server.Smtp, server, "-", "-", mailFrom, raw, recipients);

    private static async Task<SmtpOutcome> SendAsync(string mode, IPEndPoint endPoint, ServeProcess server, string user, string token, string mailFrom, string raw, string[] recipients)
    {
        var message = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(message, raw);
            var script = Path.Combine(AppContext.BaseDirectory, "Scripts", "send.py");
            var (exitCode, output, error) = await ChildProcess.RunAsync(
                "python3",
                [script, mode, endPoint.Address.ToString(), endPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), server.CertificatePath, user, token, mailFrom, string.Join(',', recipients), message]);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"send.py failed ({exitCode}): {error}\nserver log:\n{server.Log}");
            }

            var json = JsonDocument.Parse(output.Trim()).RootElement;
            return new SmtpOutcome(json.GetProperty("ok").GetBoolean(), json.GetProperty("stage").GetString()!, json.GetProperty("code").GetInt32(), json.GetProperty("reply").GetString()!);
        }
        finally
        {
            File.Delete(message);
        }
    }
}
