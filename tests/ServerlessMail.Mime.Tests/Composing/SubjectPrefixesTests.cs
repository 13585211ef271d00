namespace ServerlessMail.Mime.Tests.Composing;

public class SubjectPrefixesTests
{
    [Theory]
    [InlineData("Lunch", "Re: Lunch")]
    [InlineData("Re: Lunch", "Re: Lunch")]
    [InlineData("RE: Lunch", "Re: Lunch")]
    [InlineData("re : Lunch", "Re: Lunch")]
    [InlineData("Re:Lunch", "Re: Lunch")]
    [InlineData("Re[2]: Lunch", "Re: Lunch")]
    [InlineData("Re(3): Lunch", "Re: Lunch")]
    [InlineData("Re: Re: RE: Lunch", "Re: Lunch")]
    [InlineData("Aw: Lunch", "Re: Lunch")]
    [InlineData("AW: Re: Lunch", "Re: Lunch")]
    [InlineData("SV: Lunch", "Re: Lunch")]
    [InlineData("Antw: Lunch", "Re: Lunch")]
    [InlineData("VS: Lunch", "Re: Lunch")]
    [InlineData("Odp: Lunch", "Re: Lunch")]
    [InlineData("\u56de\u590d\uff1aLunch", "Re: Lunch")]
    [InlineData("  Re:   Lunch  ", "Re: Lunch")]
    [InlineData("Fwd: Lunch", "Re: Fwd: Lunch")]
    [InlineData("Lunch Re: dinner", "Re: Lunch Re: dinner")]
    [InlineData("Resume: my CV", "Re: Resume: my CV")]
    [InlineData("Re", "Re: Re")]
    [InlineData("", "Re:")]
    [InlineData(null, "Re:")]
    [InlineData("Re:", "Re:")]
    public void Reply_Table(string? subject, string expected) => Assert.Equal(expected, SubjectPrefixes.Reply(subject));

    [Theory]
    [InlineData("Lunch", "Fwd: Lunch")]
    [InlineData("Fwd: Lunch", "Fwd: Lunch")]
    [InlineData("FW: Lunch", "Fwd: Lunch")]
    [InlineData("Fw: Fwd: Lunch", "Fwd: Lunch")]
    [InlineData("WG: Lunch", "Fwd: Lunch")]
    [InlineData("TR: Lunch", "Fwd: Lunch")]
    [InlineData("RV: Lunch", "Fwd: Lunch")]
    [InlineData("Fwd[2]: Lunch", "Fwd: Lunch")]
    [InlineData("Re: Lunch", "Fwd: Re: Lunch")]
    [InlineData("Trip report", "Fwd: Trip report")]
    [InlineData(null, "Fwd:")]
    public void Forward_Table(string? subject, string expected) => Assert.Equal(expected, SubjectPrefixes.Forward(subject));
}
