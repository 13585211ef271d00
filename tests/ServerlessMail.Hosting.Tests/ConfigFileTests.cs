namespace ServerlessMail.Hosting.Tests;

/// <summary>The config file: the same names as the flags, below flags and variables, and errors naming the file and key.</summary>
public sealed class ConfigFileTests : IDisposable
{
    private static readonly Dictionary<string, string> None = [];
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sm-config-");

    [Fact]
    public void TheFileSetsWhatFlagsAndVariablesLeaveUnset_FlagOverVariableOverFileOverDefault()
    {
        var path = Write("""
            {
              // comments and trailing commas are tolerated: people edit this file by hand
              "smtp-port": 3525, "submission-port": "3587", "imap-port": 3143, "domain": "file.test",
              "data-dir": "/from-file", "aws-create-missing": true, "idle-poll": 5,
            }
            """);
        var flags = new Dictionary<string, string> { ["config"] = path, ["smtp-port"] = "4525" };
        var environment = new Dictionary<string, string> { ["SERVERLESSMAIL_SUBMISSION_PORT"] = "4587" };

        var options = ServerOptionsBinder.BindServer(new SettingSource(flags, environment));

        Assert.Equal((4525, 4587, 3143, 2465), (options.SmtpPort, options.SubmissionPort, options.ImapPort, options.SubmissionsPort));
        Assert.Equal("file.test", options.DefaultDomain);
        Assert.Equal("/from-file", options.Store.DataDirectory);
        Assert.True(options.Store.AwsCreateMissing);
        Assert.Equal(TimeSpan.FromSeconds(5), options.IdlePollInterval);
    }

    [Fact]
    public void TheVariable_NamesTheFileToo()
    {
        var path = Write("""{"api-port": 9080}""");

        var options = ServerOptionsBinder.BindServer(new SettingSource(None, new Dictionary<string, string> { ["SERVERLESSMAIL_CONFIG"] = path }));

        Assert.Equal(9080, options.ApiPort);
    }

    [Fact]
    public void ABadValueInTheFile_IsAnErrorNamingTheFileAndTheKey()
    {
        var path = Write("""{"imaps-port": 99999}""");

        var exception = Assert.Throws<OptionsException>(() => Bind(path));

        Assert.Equal($"{path}: imaps-port: '99999' is not valid; expected a port number from 1 to 65535.", exception.Message);
    }

    [Theory]
    [InlineData("""{"smtp_port": 25}""", "smtp_port: not a setting")]
    [InlineData("""{"config": "other.json"}""", "config: not a setting")]
    [InlineData("""{"relay": ["ses"]}""", "relay: expected a string, a number or true/false.")]
    [InlineData("""[1, 2]""", "expected a JSON object of settings")]
    [InlineData("""{"smtp-port": """, "not valid JSON")]
    public void AMalformedFile_IsAnErrorNamingTheFile(string json, string expected)
    {
        var path = Write(json);

        var exception = Assert.Throws<OptionsException>(() => Bind(path));

        Assert.StartsWith(path + ": ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFile_IsAnErrorNamingTheFlagAndTheFile()
    {
        var path = Path.Combine(_directory.FullName, "absent.json");

        var exception = Assert.Throws<OptionsException>(() => Bind(path));

        Assert.Equal($"--config: the config file {path} does not exist.", exception.Message);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static ServerOptions Bind(string path) =>
        ServerOptionsBinder.BindServer(new SettingSource(new Dictionary<string, string> { ["config"] = path }, None));

    private string Write(string json)
    {
        var path = Path.Combine(_directory.FullName, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
