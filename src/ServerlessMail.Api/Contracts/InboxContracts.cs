using ServerlessMail.Core;

namespace ServerlessMail.Api.Contracts;

internal sealed record CreateInboxRequest(string? LocalPart, string? Domain, string? DisplayName);

internal sealed record UpdateInboxRequest(string? DisplayName);

internal sealed record InboxBody(string Id, string Address, string LocalPart, string Domain, string? DisplayName, DateTimeOffset CreatedAt)
{
    public static InboxBody Of(Inbox inbox) => new(inbox.Id, inbox.Address, inbox.LocalPart, inbox.Domain, inbox.DisplayName, inbox.CreatedAt);
}

internal sealed record FolderNameRequest(string Name);

/// <summary>A folder with its counts; <see cref="SpecialUse"/> (RFC 6154) is null for a folder of the user's own.</summary>
internal sealed record FolderBody(string Id, string Name, string? SpecialUse, int Total, int Unread, DateTimeOffset CreatedAt)
{
    public static FolderBody Of(Folder folder) => new(folder.Id, folder.Name, JsonNames.Of(folder.SpecialUse), folder.Total, folder.Unseen, folder.CreatedAt);
}

/// <summary>SMTP and IMAP access for one inbox; the password is the API token itself, never shown here.</summary>
internal sealed record AccessBody(string Address, string Username, string Password, ServerBody Smtp, ServerBody Smtps, ServerBody Imap, ServerBody Imaps);

internal sealed record ServerBody(string Host, int Port, string Security);
