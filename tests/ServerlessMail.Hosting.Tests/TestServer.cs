using System.Net;
using System.Net.Sockets;

namespace ServerlessMail.Hosting.Tests;

/// <summary>Server options for in-process tests: a temp data directory, free loopback ports, no greeting pause.</summary>
internal static class TestServer
{
    public static ServerOptions Options(DirectoryInfo directory) => new()
    {
        Store = new StoreOptions { DataDirectory = directory.FullName, Fsync = false },
        SmtpPort = FreePort(),
        SubmissionPort = FreePort(),
        SubmissionsPort = FreePort(),
        ImapPort = FreePort(),
        ImapsPort = FreePort(),
        ApiPort = FreePort(),
        GreetingDelay = TimeSpan.Zero,
        DrainTimeout = TimeSpan.FromSeconds(1),
    };

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
