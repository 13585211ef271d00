using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using ServerlessMail.Mime;

namespace ServerlessMail.Cli.Mime;

/// <summary><c>serverlessmail mime parse|structure</c>: look inside a message file with the product's own parser.</summary>
internal static class MimeCommands
{
    private static readonly MimeJsonContext Json = new(new JsonSerializerOptions
    {
        // Readable non-ASCII in a terminal; the output is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,

        // Each entity level nests an object and a children array; the parser caps entity depth, so this always fits.
        MaxDepth = (4 * MimeParserOptions.Default.MaxDepth) + 16,
    });

    public static Command Create()
    {
        var mime = new Command("mime", "Parse and inspect RFC 5322 / MIME messages with ServerlessMail's own parser.");
        mime.Subcommands.Add(CreateParse());
        mime.Subcommands.Add(CreateStructure());
        return mime;
    }

    private static Argument<string> FileArgument() => new("file")
    {
        Description = "The message file (.eml), or - to read standard input.",
    };

    private static Command CreateParse()
    {
        var file = FileArgument();
        var command = new Command("parse", "Print one JSON object: addresses, subject, date, ids, text, html, attachments (size and sha256 of the decoded bytes) and the part tree with offsets.")
        {
            file,
        };
        command.SetAction(result =>
        {
            using var stream = MessageInput.Open(result.GetRequiredValue(file));
            var message = MimeParser.Parse(stream);
            var json = JsonSerializer.Serialize(ParsedMessageMapper.Map(message), Json.ParsedMessageJson);
            result.InvocationConfiguration.Output.WriteLine(json);
            return 0;
        });
        return command;
    }

    private static Command CreateStructure()
    {
        var file = FileArgument();
        var command = new Command("structure", "Print the part tree: IMAP part numbers, types, encodings, offsets, line counts and any defects tolerated.")
        {
            file,
        };
        command.SetAction(result =>
        {
            using var stream = MessageInput.Open(result.GetRequiredValue(file));
            var message = MimeParser.Parse(stream);
            result.InvocationConfiguration.Output.Write(MimeStructureFormatter.Format(message));
            return 0;
        });
        return command;
    }
}
