namespace ServerlessMail.Imap.Search;

internal enum AddressField
{
    From,
    To,
    Cc,
    Bcc,
}
