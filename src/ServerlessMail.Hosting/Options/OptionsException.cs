namespace ServerlessMail.Hosting;

/// <summary>A setting the operator gave that cannot be used; the message names the flag or variable and why.</summary>
public sealed class OptionsException : Exception
{
    public OptionsException()
    {
    }

    public OptionsException(string message)
        : base(message)
    {
    }

    public OptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
