namespace ServerlessMail.Storage.Aws.Dynamo;

internal static class TokenMapper
{
    /// <summary>
    /// The token by id (listed per account through GSI1), or its copy under its hash. The copy makes a token check one
    /// strongly consistent GetItem, so a revocation is seen by the very next request.
    /// </summary>
    public static Item ToItem(ApiToken token, bool hashCopy)
    {
        Item item;
        if (hashCopy)
        {
            item = Av.Key(Keys.TokenHash(token.Hash.Span), Keys.TokenSk);
        }
        else
        {
            item = Av.Key(Keys.Token(token.Id), Keys.TokenSk);
            item[Attr.Gsi1Pk] = Av.S(Keys.TokensOf(token.AccountId));
            item[Attr.Gsi1Sk] = Av.S(token.Id);
        }

        item[Attr.Id] = Av.S(token.Id);
        item[Attr.AccountId] = Av.S(token.AccountId);
        item[Attr.Name] = Av.S(token.Name);
        item.SetIfNotNull(Attr.InboxId, token.InboxId);
        item[Attr.Permissions] = Av.N((long)token.Permissions);
        item[Attr.Hash] = Av.B(token.Hash);
        item[Attr.DisplayPrefix] = Av.S(token.DisplayPrefix);
        item[Attr.LastFour] = Av.S(token.LastFour);
        item[Attr.CreatedAt] = Av.Date(token.CreatedAt);
        item.SetIfNotNull(Attr.ExpiresAt, token.ExpiresAt);
        item.SetIfNotNull(Attr.LastUsedAt, token.LastUsedAt);
        item.SetIfNotNull(Attr.RevokedAt, token.RevokedAt);
        return item;
    }

    public static ApiToken FromItem(Item item) => new(
        item.Str(Attr.Id), item.Str(Attr.AccountId), item.Str(Attr.Name), item.StrOrNull(Attr.InboxId),
        (TokenPermissions)item.Long(Attr.Permissions), item.Bytes(Attr.Hash), item.Str(Attr.DisplayPrefix),
        item.Str(Attr.LastFour), item.Date(Attr.CreatedAt), item.DateOrNull(Attr.ExpiresAt),
        item.DateOrNull(Attr.LastUsedAt), item.DateOrNull(Attr.RevokedAt));
}
