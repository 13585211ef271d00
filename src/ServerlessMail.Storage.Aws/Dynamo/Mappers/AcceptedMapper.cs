namespace ServerlessMail.Storage.Aws.Dynamo;

internal static class AcceptedMapper
{
    /// <summary>While the message waits for delivery it carries the Due index keys; once delivered or failed it leaves that index.</summary>
    public static Item ToItem(AcceptedMessage message)
    {
        var item = Av.Key(Keys.Accepted(message.Id), Keys.AcceptedSk);
        item[Attr.Id] = Av.S(message.Id);
        item[Attr.BlobKey] = Av.S(message.BlobKey);
        item[Attr.Size] = Av.N(message.Size);
        item[Attr.Envelope] = EnvelopeMapper.ToValue(message.Envelope);
        item[Attr.AcceptedAt] = Av.Date(message.AcceptedAt);
        item[Attr.State] = Av.N((long)message.State);
        item[Attr.Attempts] = Av.N(message.Attempts);
        item[Attr.NextAttemptAt] = Av.Date(message.NextAttemptAt);
        item.SetIfNotNull(Attr.LastError, message.LastError);
        if (message.State == IngestState.Accepted)
        {
            item[Attr.Gsi2Pk] = Av.S(Keys.DueAccepted(Keys.ShardOf(message.Id)));
            item[Attr.Gsi2Sk] = Av.S(Keys.DueSort(message.NextAttemptAt, message.Id));
        }

        return item;
    }

    public static AcceptedMessage FromItem(Item item) => new(
        item.Str(Attr.Id), item.Str(Attr.BlobKey), item.Long(Attr.Size), EnvelopeMapper.FromValue(item.MapOf(Attr.Envelope)),
        item.Date(Attr.AcceptedAt), (IngestState)item.Long(Attr.State), item.Int(Attr.Attempts), item.Date(Attr.NextAttemptAt),
        item.StrOrNull(Attr.LastError));
}

internal static class OutboundMapper
{
    /// <summary>
    /// Queued records carry the Due index keys, and so do records in <c>sending</c>: their NextAttemptAt is the end of
    /// the claiming worker's lease, and a claim its worker never finished must come due again when the lease ends.
    /// </summary>
    public static Item ToItem(OutboundEmail outbound)
    {
        var item = Av.Key(Keys.Outbound(outbound.Id), Keys.OutboundSk);
        item[Attr.Id] = Av.S(outbound.Id);
        item[Attr.AccountId] = Av.S(outbound.AccountId);
        item[Attr.InboxId] = Av.S(outbound.InboxId);
        item[Attr.SentMessageId] = Av.S(outbound.SentMessageId);
        item.SetIfNotNull(Attr.MessageIdHeader, outbound.MessageIdHeader);
        item[Attr.BlobKey] = Av.S(outbound.BlobKey);
        item[Attr.MailFrom] = Av.S(outbound.MailFrom);
        item[Attr.Recipients] = Av.Strings(outbound.Recipients);
        item[Attr.State] = Av.N((long)outbound.Status);
        item.SetIfNotNull(Attr.ProviderMessageId, outbound.ProviderMessageId);
        item[Attr.History] = Av.List(outbound.History.Select(EventValue).ToList());
        item[Attr.Attempts] = Av.N(outbound.Attempts);
        item[Attr.NextAttemptAt] = Av.Date(outbound.NextAttemptAt);
        item[Attr.CreatedAt] = Av.Date(outbound.CreatedAt);
        item[Attr.UpdatedAt] = Av.Date(outbound.UpdatedAt);
        item.SetIfNotNull(Attr.IdempotencyKey, outbound.IdempotencyKey);
        item[Attr.Gsi1Pk] = Av.S(Keys.OutboundOf(outbound.InboxId));
        item[Attr.Gsi1Sk] = Av.S(outbound.Id);
        if (outbound.Status is OutboundStatus.Queued or OutboundStatus.Sending)
        {
            item[Attr.Gsi2Pk] = Av.S(Keys.DueOutbound(Keys.ShardOf(outbound.Id)));
            item[Attr.Gsi2Sk] = Av.S(Keys.DueSort(outbound.NextAttemptAt, outbound.Id));
        }

        return item;
    }

    public static OutboundEmail FromItem(Item item) => new(
        item.Str(Attr.Id), item.Str(Attr.AccountId), item.Str(Attr.InboxId), item.Str(Attr.SentMessageId),
        item.StrOrNull(Attr.MessageIdHeader), item.Str(Attr.BlobKey), item.Str(Attr.MailFrom), item.Strings(Attr.Recipients),
        (OutboundStatus)item.Long(Attr.State), item.StrOrNull(Attr.ProviderMessageId),
        item.ListOf(Attr.History).Select(v => EventOf(v.M)).ToList(), item.Int(Attr.Attempts), item.Date(Attr.NextAttemptAt),
        item.Date(Attr.CreatedAt), item.Date(Attr.UpdatedAt), item.StrOrNull(Attr.IdempotencyKey));

    private static AttributeValue EventValue(OutboundEvent e)
    {
        var map = new Item { [Attr.At] = Av.Date(e.At), [Attr.State] = Av.N((long)e.Status) };
        map.SetIfNotNull(Attr.Detail, e.Detail);
        return Av.Map(map);
    }

    private static OutboundEvent EventOf(Item map) => new(map.Date(Attr.At), (OutboundStatus)map.Long(Attr.State), map.StrOrNull(Attr.Detail));
}
