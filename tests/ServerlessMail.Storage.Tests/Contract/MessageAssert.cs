using System.Text.Json;
using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>Field-by-field comparisons of stored messages (records holding lists compare by reference otherwise).</summary>
public static class MessageAssert
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The stored message is the appended one, with the UID and MODSEQ the store assigned.</summary>
    public static void Stored(NewMessage expected, StoredMessage actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.AccountId, actual.AccountId);
        Assert.Equal(expected.InboxId, actual.InboxId);
        Assert.Equal(expected.FolderId, actual.FolderId);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.Keywords.Order(StringComparer.Ordinal), actual.Keywords.Order(StringComparer.Ordinal));
        Assert.Equal(expected.InternalDate, actual.InternalDate);
        Assert.Equal(expected.Size, actual.Size);
        Assert.Equal(expected.ThreadId, actual.ThreadId);
        Assert.Equal(expected.BlobKey, actual.BlobKey);
        Assert.Equal(expected.DeliveryKey, actual.DeliveryKey);
        Envelope(expected.Envelope, actual.Envelope);
        Summary(expected.Summary, actual.Summary);
        Assert.Equal(expected.Structure.ToArray(), actual.Structure.ToArray());
    }

    /// <summary>Two reads of one message agree on everything.</summary>
    public static void Same(StoredMessage expected, StoredMessage? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Assert.NotNull(actual);
        Assert.Equal((expected.Id, expected.FolderId, expected.Uid, expected.ModSeq, expected.Flags), (actual.Id, actual.FolderId, actual.Uid, actual.ModSeq, actual.Flags));
        Assert.Equal(expected.Keywords.Order(StringComparer.Ordinal), actual.Keywords.Order(StringComparer.Ordinal));
        Assert.Equal((expected.AccountId, expected.InboxId, expected.InternalDate, expected.Size, expected.ThreadId, expected.BlobKey, expected.DeliveryKey),
            (actual.AccountId, actual.InboxId, actual.InternalDate, actual.Size, actual.ThreadId, actual.BlobKey, actual.DeliveryKey));
        Envelope(expected.Envelope, actual.Envelope);
        Summary(expected.Summary, actual.Summary);
        Assert.Equal(expected.Structure.ToArray(), actual.Structure.ToArray());
    }

    public static void Envelope(MessageEnvelope expected, MessageEnvelope actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal((expected.MailFrom, expected.RemoteIp, expected.AuthenticatedAs, expected.Helo), (actual.MailFrom, actual.RemoteIp, actual.AuthenticatedAs, actual.Helo));
        Assert.Equal(expected.Recipients, actual.Recipients);
    }

    /// <summary>Summaries agree in every field; the date as an instant (a store may keep it in UTC).</summary>
    public static void Summary(MessageSummary expected, MessageSummary actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.Date?.UtcDateTime, actual.Date?.UtcDateTime);
        Assert.Equal(JsonSerializer.Serialize(expected with { Date = null }, Json), JsonSerializer.Serialize(actual with { Date = null }, Json));
    }
}
