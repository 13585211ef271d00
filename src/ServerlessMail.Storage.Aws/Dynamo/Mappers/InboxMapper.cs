namespace ServerlessMail.Storage.Aws.Dynamo;

internal static class InboxMapper
{
    /// <summary>The inbox by id (listed per account through GSI1), or its copy under its address for recipient lookups.</summary>
    public static Item ToItem(Inbox inbox, bool addressCopy)
    {
        Item item;
        if (addressCopy)
        {
            item = Av.Key(Keys.Address(inbox.Address), Keys.AddressSk);
        }
        else
        {
            item = Av.Key(Keys.Inbox(inbox.Id), Keys.InboxSk);
            item[Attr.Gsi1Pk] = Av.S(Keys.InboxesOf(inbox.AccountId));
            item[Attr.Gsi1Sk] = Av.S(inbox.Id);
        }

        item[Attr.Id] = Av.S(inbox.Id);
        item[Attr.AccountId] = Av.S(inbox.AccountId);
        item[Attr.LocalPart] = Av.S(inbox.LocalPart);
        item[Attr.Domain] = Av.S(inbox.Domain);
        item.SetIfNotNull(Attr.DisplayName, inbox.DisplayName);
        item[Attr.CreatedAt] = Av.Date(inbox.CreatedAt);
        LimitsMapper.Write(item, inbox.Limits);
        return item;
    }

    public static Inbox FromItem(Item item) => new(
        item.Str(Attr.Id), item.Str(Attr.AccountId), item.Str(Attr.LocalPart), item.Str(Attr.Domain),
        item.StrOrNull(Attr.DisplayName), LimitsMapper.Read(item), item.Date(Attr.CreatedAt));
}

internal static class FolderMapper
{
    public static Item ToItem(Folder folder)
    {
        var item = Av.Key(Keys.Folder(folder.Id), Keys.FolderSk);
        item[Attr.Id] = Av.S(folder.Id);
        item[Attr.InboxId] = Av.S(folder.InboxId);
        item[Attr.Name] = Av.S(folder.Name);
        item[Attr.SpecialUse] = Av.N((long)folder.SpecialUse);
        item[Attr.UidValidity] = Av.N(folder.UidValidity);
        item[Attr.UidNext] = Av.N(folder.UidNext);
        item[Attr.HighestModSeq] = Av.N(folder.HighestModSeq);
        item[Attr.Total] = Av.N(folder.Total);
        item[Attr.Unseen] = Av.N(folder.Unseen);
        item[Attr.FirstRecent] = Av.N(folder.FirstRecentUid);
        item[Attr.Subscribed] = Av.Bool(folder.Subscribed);
        item[Attr.CreatedAt] = Av.Date(folder.CreatedAt);
        return item;
    }

    public static Folder FromItem(Item item) => new(
        item.Str(Attr.Id), item.Str(Attr.InboxId), item.Str(Attr.Name), (SpecialUse)item.Long(Attr.SpecialUse),
        item.UInt(Attr.UidValidity), item.UInt(Attr.UidNext), item.ULong(Attr.HighestModSeq), item.Int(Attr.Total),
        item.Int(Attr.Unseen), item.UInt(Attr.FirstRecent), item.Bool(Attr.Subscribed), item.Date(Attr.CreatedAt));

    /// <summary>The inbox's name entry: it makes names unique (a conditional put) and lists folders in name order.</summary>
    public static Item NameItem(string inboxId, string name, string folderId)
    {
        var item = Av.Key(Keys.Inbox(inboxId), Keys.FolderName(name));
        item[Attr.FolderId] = Av.S(folderId);
        return item;
    }
}
