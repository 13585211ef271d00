using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace ServerlessMail.Api.Tests;

public sealed class AccessAndAutoconfigTests
{
    [Fact]
    public async Task AccessDetailsComeAsJsonOrAsADotEnvSnippet()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var alice = world.Client(world.AliceToken);
        var access = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/access"));
        Assert.Equal("alice@hosted.test", access.GetProperty("username").GetString());
        Assert.Equal("mail.hosted.test", access.GetProperty("smtp").GetProperty("host").GetString());
        Assert.Equal(2587, access.GetProperty("smtp").GetProperty("port").GetInt32());
        Assert.Equal("STARTTLS", access.GetProperty("smtp").GetProperty("security").GetString());
        Assert.Equal(8993, access.GetProperty("imaps").GetProperty("port").GetInt32());

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/inboxes/{world.Alice.Id}/access");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        var env = await (await alice.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("SMTP_HOST=mail.hosted.test\n", env, StringComparison.Ordinal);
        Assert.Contains("IMAP_USERNAME=alice@hosted.test\n", env, StringComparison.Ordinal);
        Assert.DoesNotContain(world.AliceToken, env, StringComparison.Ordinal);
        await ApiWorld.AssertProblemAsync(await alice.GetAsync($"/v1/inboxes/{world.Bob.Id}/access"), 404, "not-found");
    }

    [Fact]
    public async Task AutoconfigAnswersTheSameForAddressesThatExistAndThatDoNot()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var anonymous = world.Client(null);
        var known = await anonymous.GetStringAsync("/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=alice@hosted.test");
        var unknown = await anonymous.GetStringAsync("/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=nobody@hosted.test");
        Assert.Equal(known, unknown);
        var document = XDocument.Parse(known);
        var imap = document.Descendants("incomingServer").First();
        Assert.Equal("mail.hosted.test", imap.Element("hostname")?.Value);
        Assert.Equal("8993", imap.Element("port")?.Value);
        Assert.Equal("%EMAILADDRESS%", imap.Element("username")?.Value);
        await ApiWorld.AssertProblemAsync(await anonymous.GetAsync("/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=nope"), 400, "invalid-request");
    }

    [Fact]
    public async Task AutodiscoverAnswersOutlookWithoutAuthAndRefusesDtds()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var anonymous = world.Client(null);
        static StringContent Request(string address) => new(
            "<?xml version=\"1.0\"?><Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\"><Request>" +
            $"<EMailAddress>{address}</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>",
            Encoding.UTF8,
            "text/xml");
        var response = await anonymous.PostAsync("/autodiscover/autodiscover.xml", Request("bob@hosted.test"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var logins = document.Descendants().Where(e => e.Name.LocalName == "LoginName").Select(e => e.Value).ToList();
        Assert.Equal(["bob@hosted.test", "bob@hosted.test"], logins);
        var nobody = await (await anonymous.PostAsync("/autodiscover/autodiscover.xml", Request("nobody@hosted.test"))).Content.ReadAsStringAsync();
        Assert.Equal(document.ToString().Replace("bob@", "nobody@", StringComparison.Ordinal), XDocument.Parse(nobody).ToString());

        using var hostile = new StringContent("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", Encoding.UTF8, "text/xml");
        await ApiWorld.AssertProblemAsync(await anonymous.PostAsync("/autodiscover/autodiscover.xml", hostile), 400, "invalid-request");
    }

    [Fact]
    public async Task HealthAndReadinessAnswerWithoutAuth()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var anonymous = world.Client(null);
        Assert.Equal("ok", (await ApiWorld.JsonAsync(await anonymous.GetAsync("/healthz"))).GetProperty("status").GetString());
        Assert.Equal("ready", (await ApiWorld.JsonAsync(await anonymous.GetAsync("/readyz"))).GetProperty("status").GetString());
    }
}
