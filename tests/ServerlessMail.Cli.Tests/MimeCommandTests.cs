using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ServerlessMail.Cli.Tests;

/// <summary>
/// The black-box contract of <c>serverlessmail mime parse</c> and <c>mime structure</c> that other issues rely on:
/// in-process through <see cref="Program.Run"/>, and as a child process for standard input.
/// </summary>
public sealed class MimeCommandTests : IDisposable
{
    private static readonly byte[] Pdf = [.. Encoding.ASCII.GetBytes("%PDF-1.7\n"), .. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))];

    private static readonly string Message = string.Join("\r\n",
        "From: =?utf-8?q?Jos=C3=A9?= <jose@example.com>, broken@@example.com",
        "To: Team: ann@example.org, \"Bob, Jr.\" <bob@example.org>;",
        "Cc: carol@example.org",
        "Reply-To: replies@example.com",
        "Subject: =?iso-8859-1?q?R=E9sum=E9?= attached",
        "Date: Fri, 15 Mar 2024 11:02:19 -0400",
        "Message-ID: <m1@example.com>",
        "In-Reply-To: <m0@example.com>",
        "References: <r1@example.com> <m0@example.com>",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=outer",
        "",
        "--outer",
        "Content-Type: multipart/alternative; boundary=inner",
        "",
        "--inner",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Olá",
        "--inner",
        "Content-Type: text/html; charset=utf-8",
        "",
        "<p>Olá</p>",
        "--inner--",
        "--outer",
        "Content-Type: application/pdf; name=\"ignored.pdf\"",
        "Content-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9%2F..%2Fcv.pdf",
        "Content-ID: <cv@example.com>",
        "Content-Transfer-Encoding: base64",
        "",
        Convert.ToBase64String(Pdf, Base64FormattingOptions.InsertLineBreaks),
        "--outer--",
        "");

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sm-mime-cli-");

    [Fact]
    public void Parse_PrintsTheContractFields()
    {
        var (exitCode, output, error) = Run("mime", "parse", WriteMessage());

        Assert.Equal((0, string.Empty), (exitCode, error));
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("m1@example.com", json.GetProperty("messageId").GetString());
        Assert.Equal("Résumé attached", json.GetProperty("subject").GetString());
        Assert.Equal("2024-03-15T11:02:19-04:00", json.GetProperty("date").GetString());
        Assert.Equal("m0@example.com", json.GetProperty("inReplyTo").GetString());
        Assert.Equal(["r1@example.com", "m0@example.com"], json.GetProperty("references").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([("José", "jose@example.com")], Addresses(json, "from").Where(a => a.Address == "jose@example.com"));
        Assert.DoesNotContain(Addresses(json, "from"), a => a.Address == "broken@example.com");
        Assert.Equal([(null, "ann@example.org"), ("Bob, Jr.", "bob@example.org")], Addresses(json, "to"));
        Assert.Equal([(null, "carol@example.org")], Addresses(json, "cc"));
        Assert.Empty(Addresses(json, "bcc"));
        Assert.Equal([(null, "replies@example.com")], Addresses(json, "replyTo"));
        Assert.Equal("Olá", json.GetProperty("text").GetString()!.TrimEnd());
        Assert.Equal("<p>Olá</p>", json.GetProperty("html").GetString()!.TrimEnd());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("structure").ValueKind);
    }

    [Fact]
    public void Parse_DescribesAttachmentsByTheirDecodedBytes()
    {
        var (_, output, _) = Run("mime", "parse", WriteMessage());

        var attachment = Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("attachments").EnumerateArray());
        Assert.Equal("résumé/../cv.pdf", attachment.GetProperty("filename").GetString());
        Assert.DoesNotContain('/', attachment.GetProperty("safeFilename").GetString()!);
        Assert.Equal("application/pdf", attachment.GetProperty("contentType").GetString());
        Assert.Equal("attachment", attachment.GetProperty("disposition").GetString());
        Assert.Equal("cv@example.com", attachment.GetProperty("contentId").GetString());
        Assert.Equal(Pdf.Length, attachment.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), attachment.GetProperty("sha256").GetString());
    }

    [Fact]
    public void Structure_PrintsTheTreeWithImapPartNumbers()
    {
        var (exitCode, output, _) = Run("mime", "structure", WriteMessage());

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        Assert.Equal($"message length={Encoding.UTF8.GetByteCount(Message)}", lines[0]);
        Assert.StartsWith("- multipart/mixed", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("1 multipart/alternative", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("1.1 text/plain", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("1.2 text/html", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2 application/pdf base64", StringComparison.Ordinal));
    }

    [Fact]
    public void MalformedMailIsNotBadInput()
    {
        var path = Path.Combine(_directory.FullName, "broken.eml");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("Subject: cut\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nno end"));

        var (exitCode, output, error) = Run("mime", "parse", path);

        Assert.Equal((0, string.Empty), (exitCode, error));
        Assert.Equal("cut", JsonDocument.Parse(output).RootElement.GetProperty("subject").GetString());
    }

    [Theory]
    [InlineData("parse")]
    [InlineData("structure")]
    public void AMissingFile_IsOneLineOnStandardErrorAndExitOne(string command)
    {
        var missing = Path.Combine(_directory.FullName, "missing.eml");

        var (exitCode, output, error) = Run("mime", command, missing);

        Assert.Equal((1, string.Empty), (exitCode, output));
        Assert.Equal($"serverlessmail: cannot read '{missing}': no such file", error.TrimEnd('\n', '\r'));
    }

    [Fact]
    public async Task Parse_ReadsStandardInputForADash()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "serverlessmail.dll"));
        foreach (var argument in new[] { "mime", "parse", "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(Message));
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal("m1@example.com", JsonDocument.Parse(output).RootElement.GetProperty("messageId").GetString());
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static List<(string? Name, string? Address)> Addresses(JsonElement json, string field) =>
        json.GetProperty(field).EnumerateArray().Select(a => (a.GetProperty("name").GetString(), a.GetProperty("address").GetString())).ToList();

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = Program.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private string WriteMessage()
    {
        var path = Path.Combine(_directory.FullName, "message.eml");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(Message));
        return path;
    }
}
