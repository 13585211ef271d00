using ServerlessMail.Imap.Protocol;
using ServerlessMail.Imap.Tests.Protocol;

namespace ServerlessMail.Imap.Tests.Commands;

public sealed class ListParserTests
{
    [Theory]
    [InlineData("\"\" *", "None ref= [*] sub=False status=[]")]
    [InlineData("\"\" \"\"", "None ref= [] sub=False status=[]")]
    [InlineData("Projects %", "None ref=Projects [%] sub=False status=[]")]
    [InlineData("() \"\" * RETURN ()", "None ref= [*] sub=False status=[]")]
    [InlineData("(subscribed) \"\" *", "Subscribed ref= [*] sub=False status=[]")]
    [InlineData("(SUBSCRIBED RECURSIVEMATCH) \"\" %", "Subscribed, RecursiveMatch ref= [%] sub=False status=[]")]
    [InlineData("(RECURSIVEMATCH SUBSCRIBED REMOTE) \"\" %", "Subscribed, Remote, RecursiveMatch ref= [%] sub=False status=[]")]
    [InlineData("(REMOTE) \"\" *", "Remote ref= [*] sub=False status=[]")]
    [InlineData("(SPECIAL-USE) \"\" *", "SpecialUse ref= [*] sub=False status=[]")]
    [InlineData("\"\" (INBOX \"Sent\" {5}\r\nS&-/*)", "None ref= [INBOX,Sent,S&/*] sub=False status=[]")]
    [InlineData("\"\" * RETURN (SUBSCRIBED CHILDREN SPECIAL-USE)", "None ref= [*] sub=True status=[]")]
    [InlineData("\"\" * RETURN (children)", "None ref= [*] sub=False status=[]")]
    [InlineData("\"\" * RETURN (STATUS (messages UNSEEN SIZE) SUBSCRIBED)", "None ref= [*] sub=True status=[MESSAGES,UNSEEN,SIZE]")]
    [InlineData("(SUBSCRIBED) \"\" (% \"%/%\") RETURN (STATUS (DELETED HIGHESTMODSEQ))", "Subscribed ref= [%,%/%] sub=False status=[DELETED,HIGHESTMODSEQ]")]
    public void ParsesPlainAndExtendedForms(string arguments, string expected)
    {
        Assert.Null(ListParser.TryParse(new ArgumentReader(Tokens(arguments)), imap4Rev2: false, out var request));
        Assert.Equal(expected, Describe(request!));
    }

    [Fact]
    public void TheSubscribedSelection_ImpliesTheSubscribedReturnOption()
    {
        Assert.Null(ListParser.TryParse(new ArgumentReader(Tokens("(SUBSCRIBED) \"\" *")), imap4Rev2: false, out var request));
        Assert.True(request!.ShowsSubscribed);
        Assert.Null(ListParser.TryParse(new ArgumentReader(Tokens("(SPECIAL-USE) \"\" *")), imap4Rev2: false, out request));
        Assert.False(request!.ShowsSubscribed);
    }

    [Theory]
    [InlineData("", ListParser.Usage)]
    [InlineData("\"\"", ListParser.Usage)]
    [InlineData("\"\" * extra", ListParser.Usage)]
    [InlineData("\"\" ()", ListParser.Usage)]
    [InlineData("\"\" (* (%))", ListParser.Usage)]
    [InlineData("(SUBSCRIBED)", ListParser.Usage)]
    [InlineData("(FROB) \"\" *", "Unknown LIST selection option")]
    [InlineData("(\"SUBSCRIBED\") \"\" *", "Unknown LIST selection option")]
    [InlineData("(CHILDREN) \"\" *", "Unknown LIST selection option")]
    [InlineData("(RECURSIVEMATCH) \"\" *", "RECURSIVEMATCH needs SUBSCRIBED")]
    [InlineData("(REMOTE RECURSIVEMATCH) \"\" *", "RECURSIVEMATCH needs SUBSCRIBED")]
    [InlineData("(SPECIAL-USE RECURSIVEMATCH) \"\" *", "RECURSIVEMATCH needs SUBSCRIBED")]
    [InlineData("\"\" * RETURN", "RETURN takes a list")]
    [InlineData("\"\" * RETURN CHILDREN", "RETURN takes a list")]
    [InlineData("\"\" * RETURN (FROB)", "Unknown LIST return option")]
    [InlineData("\"\" * RETURN (REMOTE)", "Unknown LIST return option")]
    [InlineData("\"\" * RETURN (STATUS)", "RETURN STATUS takes a list of " + StatusItems.Names)]
    [InlineData("\"\" * RETURN (STATUS ())", "RETURN STATUS takes a list of " + StatusItems.Names)]
    [InlineData("\"\" * RETURN (STATUS (MESSAGES FROB))", "RETURN STATUS takes a list of " + StatusItems.Names)]
    [InlineData("\"\" * RETURN (STATUS (MESSAGES) STATUS (UNSEEN))", "RETURN STATUS takes a list of " + StatusItems.Names)]
    [InlineData("\"\" * RETURN (CHILDREN) extra", ListParser.Usage)]
    [InlineData("\"\" (\"Entwürfe\")", "Mailbox name is not valid modified UTF-7 (RFC 3501 §5.1.3)")]
    public void RefusesWithAReason(string arguments, string reason)
    {
        Assert.Equal(reason, ListParser.TryParse(new ArgumentReader(Tokens(arguments)), imap4Rev2: false, out var request));
        Assert.Null(request);
    }

    [Theory]
    [InlineData("(SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX %) RETURN (SUBSCRIBED STATUS (MESSAGES SIZE))")]
    [InlineData("() \"\" (*) RETURN ()")]
    public void EveryPrefix_IsRefusedWithAReason(string arguments)
    {
        var tokens = Tokens(arguments);
        Assert.Null(ListParser.TryParse(new ArgumentReader(tokens), imap4Rev2: false, out _));

        // A prefix that ends after a complete pattern is itself a whole LIST; every other one is refused.
        var whole = new HashSet<int> { tokens.FindIndex(t => t.Text == "RETURN") };
        for (var count = 0; count < tokens.Count; count++)
        {
            var error = ListParser.TryParse(new ArgumentReader(tokens.Take(count).ToList()), imap4Rev2: false, out var request);
            Assert.True(whole.Contains(count) ? error is null : !string.IsNullOrEmpty(error) && request is null, $"{count} tokens");
        }
    }

    private static List<ImapToken> Tokens(string arguments) => Segments.Arguments("LIST", arguments);

    private static string Describe(ListRequest request) =>
        $"{request.Selection} ref={request.Reference} [{string.Join(',', request.Patterns)}] sub={request.ReturnSubscribed} status=[{string.Join(',', request.StatusItems)}]";
}
