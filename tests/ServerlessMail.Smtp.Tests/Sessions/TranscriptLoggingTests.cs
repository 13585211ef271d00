using System.Text;

namespace ServerlessMail.Smtp.Tests;

/// <summary>Transcripts are logged at Debug, and AUTH secrets never reach a log in any form.</summary>
public sealed class TranscriptLoggingTests : IAsyncLifetime
{
    private SmtpWorld _world = null!;

    public async Task InitializeAsync() => _world = await SmtpWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task TheTranscriptIsLogged_WithAuthRedacted()
    {
        var plain = InboundTranscriptTests.Plain("alice@hosted.test", _world.AliceToken);
        var wrong = InboundTranscriptTests.Plain("alice@hosted.test", "sm_guess");
        await using (var client = await _world.ConnectAsync(SmtpRole.Submissions))
        {
            await client.RunAsync($"""
                S: 220
                C: EHLO client.example.test
                S: 250-
                """);
            await client.ReadReplyAsync();
            await client.RunAsync($"""
                C: AUTH PLAIN {wrong}
                S: 535
                C: AUTH LOGIN {Convert.ToBase64String(Encoding.UTF8.GetBytes("alice@hosted.test"))}
                S: 334
                C: {Convert.ToBase64String(Encoding.UTF8.GetBytes(_world.AliceToken))}
                S: 235
                C: QUIT
                S: 221
                """);
            await client.ExpectClosedAsync();
        }

        var log = _world.Log.All;
        Assert.Contains("C: EHLO client.example.test", log, StringComparison.Ordinal);
        Assert.Contains("S: 235 2.7.0 Authentication successful", log, StringComparison.Ordinal);
        Assert.Contains("C: AUTH PLAIN (redacted)", log, StringComparison.Ordinal);
        Assert.Contains("C: (SASL response redacted)", log, StringComparison.Ordinal);
        foreach (var secret in new[] { _world.AliceToken, plain, wrong, "sm_guess", Convert.ToBase64String(Encoding.UTF8.GetBytes(_world.AliceToken)) })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }
}
