namespace ServerlessMail.Storage.Aws.Dynamo;

internal static class EnvelopeMapper
{
    public static AttributeValue ToValue(MessageEnvelope envelope)
    {
        var map = new Item
        {
            [Attr.MailFrom] = Av.S(envelope.MailFrom),
            [Attr.Recipients] = Av.Strings(envelope.Recipients),
        };
        map.SetIfNotNull(Attr.RemoteIp, envelope.RemoteIp);
        map.SetIfNotNull(Attr.AuthenticatedAs, envelope.AuthenticatedAs);
        map.SetIfNotNull(Attr.Helo, envelope.Helo);
        return Av.Map(map);
    }

    public static MessageEnvelope FromValue(Item map) => new(
        map.Str(Attr.MailFrom), map.Strings(Attr.Recipients), map.StrOrNull(Attr.RemoteIp),
        map.StrOrNull(Attr.AuthenticatedAs), map.StrOrNull(Attr.Helo));
}
