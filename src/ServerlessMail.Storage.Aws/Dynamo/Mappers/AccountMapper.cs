namespace ServerlessMail.Storage.Aws.Dynamo;

internal static class AccountMapper
{
    public static Item ToItem(Account account)
    {
        var item = Av.Key(Keys.Account(account.Id), Keys.AccountSk);
        item[Attr.Id] = Av.S(account.Id);
        item[Attr.Name] = Av.S(account.Name);
        item[Attr.CreatedAt] = Av.Date(account.CreatedAt);
        LimitsMapper.Write(item, account.Limits);
        return item;
    }

    public static Account FromItem(Item item) =>
        new(item.Str(Attr.Id), item.Str(Attr.Name), LimitsMapper.Read(item), item.Date(Attr.CreatedAt));
}

internal static class LimitsMapper
{
    public static void Write(Item item, QuotaLimits limits)
    {
        item.SetIfNotNull(Attr.SendsPerDay, limits.SendsPerDay);
        item.SetIfNotNull(Attr.SendsPerMinute, limits.SendsPerMinute);
        item.SetIfNotNull(Attr.StoredBytesLimit, limits.StoredBytes);
    }

    public static QuotaLimits Read(Item item) =>
        new((int?)item.LongOrNull(Attr.SendsPerDay), (int?)item.LongOrNull(Attr.SendsPerMinute), item.LongOrNull(Attr.StoredBytesLimit));
}

internal static class DomainMapper
{
    /// <summary>The domain's claim (found by name) or its copy in the account's partition (listed by account).</summary>
    public static Item ToItem(MailDomain domain, bool accountCopy)
    {
        var item = accountCopy
            ? Av.Key(Keys.Account(domain.AccountId), Keys.DomainCopy(domain.Name))
            : Av.Key(Keys.Domain(domain.Name), Keys.DomainSk);
        item[Attr.Name] = Av.S(domain.Name);
        item[Attr.AccountId] = Av.S(domain.AccountId);
        item[Attr.IsDefault] = Av.Bool(domain.IsDefault);
        item.SetIfNotNull(Attr.CatchAll, domain.CatchAllInboxId);
        item[Attr.CreatedAt] = Av.Date(domain.CreatedAt);
        return item;
    }

    public static MailDomain FromItem(Item item) =>
        new(item.Str(Attr.Name), item.Str(Attr.AccountId), item.Bool(Attr.IsDefault), item.StrOrNull(Attr.CatchAll), item.Date(Attr.CreatedAt));
}
