global using ServerlessMail.Imap.Protocol;
global using ServerlessMail.Imap.Rendering;
global using ServerlessMail.Imap.Search;
