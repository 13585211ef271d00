using Amazon.CDK;

namespace ServerlessMail.Cdk;

internal static class Program
{
    public static void Main()
    {
        var app = new App();
        MailApp.Build(app, DeploySettings.FromContext(app.Node));
        app.Synth();
    }
}
