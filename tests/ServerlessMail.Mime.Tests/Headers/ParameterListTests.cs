namespace ServerlessMail.Mime.Tests;

public sealed class ParameterListTests
{
    [Fact]
    public void PublicConstructor_LowerCasesNamesAndKeepsOrderAndDuplicates()
    {
        // A collection expression would bind to the internal List constructor, which trusts the parser's names.
        IEnumerable<Parameter> parameters = [new Parameter("Charset", "UTF-8"), new Parameter("name", "a"), new Parameter("CHARSET", "b")];
        var list = new ParameterList(parameters);

        Assert.Equal(["charset", "name", "charset"], list.Select(p => p.Name));
        Assert.Equal("UTF-8", list["charset"]);
        Assert.Equal("UTF-8", list["CHARSET"]);
        Assert.Null(list["boundary"]);
    }

    [Fact]
    public void PublicConstructor_CopiesItsInput()
    {
        var source = new List<Parameter> { new("a", "1") };
        var list = new ParameterList(source.AsEnumerable());
        source.Add(new Parameter("b", "2"));

        Assert.Single(list);
    }

    [Fact]
    public void PublicConstructor_RejectsMissingNamesAndValues()
    {
        Assert.Throws<ArgumentNullException>(() => new ParameterList((IEnumerable<Parameter>)null!));
        Assert.ThrowsAny<ArgumentException>(() => new ParameterList(Enumerable.Repeat(new Parameter("", "x"), 1)));
        Assert.ThrowsAny<ArgumentException>(() => new ParameterList(Enumerable.Repeat(default(Parameter), 1)));
        Assert.ThrowsAny<ArgumentException>(() => new ParameterList(Enumerable.Repeat(new Parameter("a", null!), 1)));
    }
}
