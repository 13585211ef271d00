using System.Text;
using ServerlessMail.Core;

namespace ServerlessMail.Smtp.Tests;

/// <summary>Submission (587 with STARTTLS, 465 with implicit TLS): AUTH with API tokens, sender checks, quotas, revocation.</summary>
public sealed class SubmissionTranscriptTests : IAsyncLifetime
{
    private SmtpWorld _world = null!;

    public async Task InitializeAsync() => _world = await SmtpWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task BeforeTls_StartTlsIsOffered_AuthIsNot_AndAuthOrMailGet530()
    {
        await using var client = await _world.ConnectAsync(SmtpRole.Submission);
        await client.ExpectLineAsync("220");
        await client.SendLineAsync("EHLO client.example.test");
        var ehlo = await client.ReadReplyAsync();
        Assert.Contains(ehlo, l => l[4..] == "STARTTLS");
        Assert.DoesNotContain(ehlo, l => l.Contains("AUTH", StringComparison.Ordinal));
        await client.RunAsync($"""
            C: AUTH PLAIN {InboundTranscriptTests.Plain("alice@hosted.test", _world.AliceToken)}
            S: 530 5.7.0 Must issue a STARTTLS command first
            C: MAIL FROM:<alice@hosted.test>
            S: 530 5.7.0 Must issue a STARTTLS command first
            """);
    }

    [Fact]
    public async Task StartTlsThenAuthPlain_SubmitsThroughTheOutboundPath()
    {
        await using var client = await AuthenticatedAsync(SmtpRole.Submission);
        await client.RunAsync("""
            C: MAIL FROM:<alice@hosted.test>
            C: RCPT TO:<bob@hosted.test>
            C: RCPT TO:<friend@elsewhere.test>
            C: DATA
            S: 250 2.1.0
            S: 250 2.1.5
            S: 250 2.1.5
            S: 354
            C: From: Alice <alice@hosted.test>
            C: To: bob@hosted.test, friend@elsewhere.test
            C: Subject: from an agent
            C:
            C: hi
            C: .
            """);
        var queued = await client.ExpectLineAsync("250 2.0.0 Ok: queued as out_");
        var outbound = await _world.Store.GetOutboundAsync(queued[(queued.LastIndexOf(' ') + 1)..]);
        Assert.NotNull(outbound);
        Assert.Equal(OutboundStatus.Queued, outbound.Status);
        Assert.Equal(["bob@hosted.test", "friend@elsewhere.test"], outbound.Recipients);
        var sent = Assert.Single(await _world.MessagesAsync(_world.Alice, "Sent"));
        Assert.Equal("from an agent", sent.Summary.Subject);
        var raw = await _world.ReadBlobAsync(outbound.BlobKey);
        Assert.Contains("with ESMTPSA id", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthLogin_WithPrompts_AndPlainWithoutInitialResponse()
    {
        await using var client = await TlsReadyAsync(SmtpRole.Submission);
        await client.RunAsync($"""
            C: AUTH LOGIN
            S: 334 VXNlcm5hbWU6
            C: {B64("alice@hosted.test")}
            S: 334 UGFzc3dvcmQ6
            C: {B64(_world.AliceToken)}
            S: 235 2.7.0
            C: AUTH PLAIN
            S: 503 5.5.1 Already authenticated
            """);

        await using var second = await TlsReadyAsync(SmtpRole.Submission);
        await second.RunAsync($"""
            C: AUTH PLAIN
            S: 334
            C: {InboundTranscriptTests.Plain("alice@hosted.test", _world.AliceToken)}
            S: 235 2.7.0
            """);
    }

    [Fact]
    public async Task BadCredentials_Get535_MalformedBase64Gets501()
    {
        await using var client = await TlsReadyAsync(SmtpRole.Submission, SmtpWorld.DefaultOptionsWith(o => o with { MaxAuthFailures = 10 }));
        await client.RunAsync($"""
            C: AUTH PLAIN {InboundTranscriptTests.Plain("alice@hosted.test", "sm_not_a_real_token")}
            S: 535 5.7.8
            C: AUTH PLAIN {InboundTranscriptTests.Plain("alice@hosted.test", _world.AliceReadToken)}
            S: 535 5.7.8
            C: AUTH PLAIN {InboundTranscriptTests.Plain("bob@hosted.test", _world.AliceToken)}
            S: 535 5.7.8
            C: AUTH PLAIN {InboundTranscriptTests.Plain("alice+tag@hosted.test", _world.AliceToken)}
            S: 535 5.7.8
            C: AUTH PLAIN not*base64!
            S: 501 5.5.2
            C: AUTH LOGIN
            S: 334
            C: *
            S: 501 5.0.0 Authentication cancelled
            C: MAIL FROM:<alice@hosted.test>
            S: 530 5.7.0 Authentication required
            """);
    }

    [Fact]
    public async Task AnAuthorizationIdentity_IsRefusedUnlessAllowed()
    {
        var accountToken = (await _world.Tokens.CreateAsync(null, _world.Account.Id, "all", null, TokenPermissions.Send, null)).Secret;
        var actAsBob = Convert.ToBase64String(Encoding.UTF8.GetBytes($"bob@hosted.test\0alice@hosted.test\0{accountToken}"));
        await using (var client = await TlsReadyAsync(SmtpRole.Submission))
        {
            await client.RunAsync($"""
                C: AUTH PLAIN {actAsBob}
                S: 535 5.7.8
                """);
        }

        await using var allowed = await TlsReadyAsync(SmtpRole.Submission, SmtpWorld.DefaultOptionsWith(o => o with { AllowAuthorizationIdentity = true }));
        await allowed.RunAsync($"""
            C: AUTH PLAIN {actAsBob}
            S: 235 2.7.0
            C: MAIL FROM:<bob@hosted.test>
            S: 250 2.1.0
            """);
    }

    [Fact]
    public async Task MailFromAndFromHeader_MustBeTheInboxOrAllowedSendAs()
    {
        var options = SmtpWorld.DefaultOptionsWith(o => o with
        {
            SendAs = new Dictionary<string, IReadOnlyList<string>> { ["alice@hosted.test"] = ["team@hosted.test"] },
        });
        await using var client = await AuthenticatedAsync(SmtpRole.Submission, options);
        await client.RunAsync("""
            C: MAIL FROM:<bob@hosted.test>
            S: 550 5.7.1 Sender address not allowed
            C: MAIL FROM:<>
            S: 550 5.7.1 Sender address not allowed
            C: MAIL FROM:<Team@Hosted.Test>
            C: RCPT TO:<friend@elsewhere.test>
            C: DATA
            S: 250 2.1.0
            S: 250 2.1.5
            S: 354
            C: From: bob@hosted.test
            C: Subject: spoof
            C:
            C: x
            C: .
            S: 550 5.7.1 From: header not allowed
            C: MAIL FROM:<alice@hosted.test>
            C: RCPT TO:<friend@elsewhere.test>
            C: DATA
            S: 250 2.1.0
            S: 250 2.1.5
            S: 354
            C: Subject: no from at all
            C:
            C: x
            C: .
            S: 550 5.7.1 From: header not allowed
            C: MAIL FROM:<alice@hosted.test>
            C: RCPT TO:<friend@elsewhere.test>
            C: DATA
            S: 250 2.1.0
            S: 250 2.1.5
            S: 354
            C: From: "The Team" <team@hosted.test>
            C: Subject: as the team
            C:
            C: x
            C: .
            S: 250 2.0.0 Ok: queued as out_
            """);
        Assert.Single(await _world.MessagesAsync(_world.Alice, "Sent"));
    }

    [Fact]
    public async Task Quotas_AreWordedWithTheLimitAndTheReset()
    {
        await using var world = await SmtpWorld.CreateAsync(new QuotaLimits(SendsPerDay: 1, SendsPerMinute: null, StoredBytes: null));
        await using var client = await AuthenticatedAsync(SmtpRole.Submission, world: world);
        await client.RunAsync(Send("first"));
        await client.ExpectLineAsync("250 2.0.0 Ok: queued as out_");
        await client.RunAsync(Send("second"));
        await client.ExpectLineAsync("550 5.7.1 Quota exceeded: account limit of 1 recipients per day reached; resets at ");
        Assert.Single(await world.MessagesAsync(world.Alice, "Sent"));

        await using var perMinute = await SmtpWorld.CreateAsync(new QuotaLimits(SendsPerDay: null, SendsPerMinute: 1, StoredBytes: null));
        await using var fast = await AuthenticatedAsync(SmtpRole.Submission, world: perMinute);
        await fast.RunAsync(Send("first"));
        await fast.ExpectLineAsync("250 2.0.0");
        await fast.RunAsync(Send("second"));
        await fast.ExpectLineAsync("452 4.7.1 Rate limited: account limit of 1 messages per minute reached; resets at ");
    }

    [Fact]
    public async Task ARevokedToken_EndsTheSessionAtItsNextMail()
    {
        await using var client = await AuthenticatedAsync(SmtpRole.Submission);
        await client.RunAsync(Send("before"));
        await client.ExpectLineAsync("250 2.0.0");
        await _world.Store.RevokeTokenAsync(_world.AliceTokenId, DateTimeOffset.UtcNow);
        await client.RunAsync("""
            C: MAIL FROM:<alice@hosted.test>
            S: 421 4.7.0 The credentials are no longer valid
            """);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task RevokingTheToken_EndsTheIdleSessionAtOnce()
    {
        await using var client = await AuthenticatedAsync(SmtpRole.Submission);
        Assert.Equal(1, _world.Tokens.Revocations.CountFor(_world.AliceTokenId));
        var admin = new Principal(_world.Account.Id, "tok_operator", null, TokenPermissions.All);

        // Through TokenService, as DELETE /v1/tokens/{id} and the CLI revoke: the session hears of it without a command.
        await _world.Tokens.RevokeAsync(admin, _world.AliceTokenId);
        await client.ExpectLineAsync("421 4.7.0 The credentials are no longer valid");
        await client.ExpectClosedAsync();
        Assert.Equal(0, _world.Tokens.Revocations.CountFor(_world.AliceTokenId));
    }

    [Fact]
    public async Task RevokingTheToken_MidData_AcceptsNothing()
    {
        await using var client = await AuthenticatedAsync(SmtpRole.Submission);
        await client.RunAsync("""
            C: MAIL FROM:<alice@hosted.test>
            S: 250
            C: RCPT TO:<bob@hosted.test>
            S: 250
            C: DATA
            S: 354
            """);
        await client.SendLineAsync("Subject: half a message");
        await _world.Tokens.RevokeAsync(new Principal(_world.Account.Id, "tok_operator", null, TokenPermissions.All), _world.AliceTokenId);
        await client.ExpectLineAsync("421 4.7.0");
        await client.ExpectClosedAsync();
        Assert.Empty(await _world.MessagesAsync(_world.Alice, "Sent"));
    }

    [Fact]
    public async Task ASessionThatEnds_StopsListeningForItsToken()
    {
        await using (var client = await AuthenticatedAsync(SmtpRole.Submission))
        {
            await client.RunAsync("""
                C: QUIT
                S: 221
                """);
            await client.ExpectClosedAsync();
        }

        Assert.Equal(0, _world.Tokens.Revocations.CountFor(_world.AliceTokenId));
    }

    [Fact]
    public async Task ImplicitTls_OffersAuthButNotStartTls()
    {
        await using var client = await _world.ConnectAsync(SmtpRole.Submissions);
        await client.ExpectLineAsync("220");
        await client.SendLineAsync("EHLO client.example.test");
        var ehlo = await client.ReadReplyAsync();
        Assert.Equal("250 AUTH PLAIN LOGIN", ehlo[^1]);
        Assert.DoesNotContain(ehlo, l => l.Contains("STARTTLS", StringComparison.Ordinal));
        await client.RunAsync($"""
            C: STARTTLS
            S: 503 5.5.1 TLS already active
            C: AUTH PLAIN {InboundTranscriptTests.Plain("alice@hosted.test", _world.AliceToken)}
            S: 235 2.7.0
            """);
        await client.RunAsync(Send("over 465"));
        await client.ExpectLineAsync("250 2.0.0 Ok: queued as out_");
    }

    [Fact]
    public async Task FailedAuth_IsThrottledThroughTheClock()
    {
        var clock = new FakeClock();
        await using var client = await _world.ConnectAsync(SmtpRole.Submission, clock: clock);
        await client.ExpectLineAsync("220");
        await client.SendLineAsync("EHLO c.example.test");
        await client.ReadReplyAsync();
        await client.SendLineAsync("STARTTLS");
        await client.ExpectLineAsync("220 2.0.0");
        await client.StartTlsAsync();
        await client.SendLineAsync("EHLO c.example.test");
        await client.ReadReplyAsync();
        await client.RunAsync($"""
            C: AUTH PLAIN {InboundTranscriptTests.Plain("alice@hosted.test", "wrong")}
            S: 535 5.7.8
            """);
        Assert.Equal(TimeSpan.FromMilliseconds(250), _world.Throttle.DelayFor(SmtpWorld.ClientEndPoint.Address, "alice@hosted.test"));

        // The next attempt, even with the right token, waits on the clock before it is checked.
        await client.SendLineAsync($"AUTH PLAIN {InboundTranscriptTests.Plain("alice@hosted.test", _world.AliceToken)}");
        await clock.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromMilliseconds(250));
        await client.ExpectLineAsync("235 2.7.0");
    }

    internal static string Send(string subject) => $"""
        C: MAIL FROM:<alice@hosted.test>
        C: RCPT TO:<friend@elsewhere.test>
        C: DATA
        S: 250 2.1.0
        S: 250 2.1.5
        S: 354
        C: From: alice@hosted.test
        C: Subject: {subject}
        C:
        C: body
        C: .
        """;

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private async Task<SmtpTestClient> TlsReadyAsync(SmtpRole role, SmtpServerOptions? options = null, SmtpWorld? world = null)
    {
        var client = await (world ?? _world).ConnectAsync(role, options);
        await client.ExpectLineAsync("220");
        await client.SendLineAsync("EHLO client.example.test");
        await client.ReadReplyAsync();
        await client.SendLineAsync("STARTTLS");
        await client.ExpectLineAsync("220 2.0.0 Ready to start TLS");
        await client.StartTlsAsync();
        await client.SendLineAsync("EHLO client.example.test");
        Assert.Contains("250 AUTH PLAIN LOGIN", await client.ReadReplyAsync());
        return client;
    }

    private async Task<SmtpTestClient> AuthenticatedAsync(SmtpRole role, SmtpServerOptions? options = null, SmtpWorld? world = null)
    {
        world ??= _world;
        var client = await TlsReadyAsync(role, options, world);
        await client.SendLineAsync($"AUTH PLAIN {InboundTranscriptTests.Plain("alice@hosted.test", world.AliceToken)}");
        await client.ExpectLineAsync("235 2.7.0");
        return client;
    }
}
