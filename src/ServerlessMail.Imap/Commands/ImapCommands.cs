namespace ServerlessMail.Imap;

internal delegate ValueTask<ImapState> ImapHandler(ImapSession session, ImapState state, ImapCommand command);

/// <summary>Command name to handler; <see cref="ImapStateTable"/> has already checked the state allows it.</summary>
internal static class ImapCommands
{
    private static readonly Dictionary<string, ImapHandler> Handlers = new(StringComparer.Ordinal)
    {
        ["CAPABILITY"] = CapabilityHandler.HandleAsync,
        ["NOOP"] = NoopHandler.HandleAsync,
        ["CHECK"] = NoopHandler.HandleAsync,
        ["LOGOUT"] = LogoutHandler.HandleAsync,
        ["STARTTLS"] = StartTlsHandler.HandleAsync,
        ["LOGIN"] = LoginHandler.HandleAsync,
        ["AUTHENTICATE"] = AuthenticateHandler.HandleAsync,
        ["ID"] = IdHandler.HandleAsync,
        ["ENABLE"] = EnableHandler.HandleAsync,
        ["NAMESPACE"] = NamespaceHandler.HandleAsync,
        ["LIST"] = ListHandler.HandleAsync,
        ["LSUB"] = ListHandler.HandleAsync,
        ["SUBSCRIBE"] = SubscribeHandler.HandleAsync,
        ["UNSUBSCRIBE"] = SubscribeHandler.HandleAsync,
        ["STATUS"] = StatusHandler.HandleAsync,
        ["SELECT"] = SelectHandler.HandleAsync,
        ["EXAMINE"] = SelectHandler.HandleAsync,
        ["CREATE"] = CreateHandler.HandleAsync,
        ["DELETE"] = DeleteHandler.HandleAsync,
        ["RENAME"] = RenameHandler.HandleAsync,
        ["APPEND"] = AppendHandler.HandleAsync,
        ["CLOSE"] = CloseHandler.HandleAsync,
        ["UNSELECT"] = CloseHandler.HandleAsync,
        ["EXPUNGE"] = ExpungeHandler.HandleAsync,
        ["UID EXPUNGE"] = ExpungeHandler.HandleAsync,
        ["FETCH"] = FetchHandler.HandleAsync,
        ["UID FETCH"] = FetchHandler.HandleAsync,
        ["STORE"] = StoreHandler.HandleAsync,
        ["UID STORE"] = StoreHandler.HandleAsync,
        ["COPY"] = CopyHandler.HandleAsync,
        ["UID COPY"] = CopyHandler.HandleAsync,
        ["MOVE"] = CopyHandler.HandleAsync,
        ["UID MOVE"] = CopyHandler.HandleAsync,
        ["SEARCH"] = SearchHandler.HandleAsync,
        ["UID SEARCH"] = SearchHandler.HandleAsync,
        ["IDLE"] = IdleHandler.HandleAsync,
    };

    public static ValueTask<ImapState> DispatchAsync(ImapSession session, ImapState state, ImapCommand command) =>
        Handlers[command.Name](session, state, command);
}
