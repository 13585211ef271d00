namespace ServerlessMail.Imap.Search;

internal enum DateComparison
{
    Before,
    On,
    Since,
}
