namespace ServerlessMail.Smtp;

/// <summary>A parsed BDAT command: the chunk's size in octets, and whether it is the last.</summary>
internal sealed record BdatCommand(long Size, bool Last);
