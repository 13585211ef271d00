namespace ServerlessMail.Cli.Mime;

/// <summary>Opens a message named on the command line: a file path, or <c>-</c> for standard input.</summary>
internal static class MessageInput
{
    /// <summary>
    /// A seekable stream over the message. Standard input is spooled to a temporary file that deletes itself,
    /// so a large message never has to fit in memory.
    /// </summary>
    public static Stream Open(string path)
    {
        if (path == "-")
        {
            var spool = new FileStream(
                Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            using (var stdin = Console.OpenStandardInput())
            {
                stdin.CopyTo(spool);
            }

            spool.Position = 0;
            return spool;
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        }
        catch (FileNotFoundException)
        {
            throw new CliException($"cannot read '{path}': no such file");
        }
        catch (DirectoryNotFoundException)
        {
            throw new CliException($"cannot read '{path}': no such directory");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliException($"cannot read '{path}': permission denied or it is a directory");
        }
        catch (IOException exception)
        {
            throw new CliException($"cannot read '{path}': {exception.Message}");
        }
    }
}
