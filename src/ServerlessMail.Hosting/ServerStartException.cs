namespace ServerlessMail.Hosting;

/// <summary>The server could not start (a port in use, a store that will not open); the message says which and why.</summary>
public sealed class ServerStartException : Exception
{
    public ServerStartException()
    {
    }

    public ServerStartException(string message)
        : base(message)
    {
    }

    public ServerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
