using System.Reflection;
using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>
/// The store under test with one fault injected: while <see cref="FailAppends"/> is set, every
/// <see cref="IMessageStore.AppendAsync"/> fails as a process killed at that point would (nothing written). Every
/// other call reaches the real store, so the steps before the fault are really committed.
/// </summary>
public class FaultyAppendStore : DispatchProxy
{
    private IMailStore _inner = null!;

    public bool FailAppends { get; set; } = true;

    public int FailedAppends { get; private set; }

    public static (IMailStore Store, FaultyAppendStore Control) Wrap(IMailStore inner)
    {
        var proxy = Create<IMailStore, FaultyAppendStore>();
        var control = (FaultyAppendStore)(object)proxy;
        control._inner = inner;
        return (proxy, control);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (FailAppends && targetMethod.Name == nameof(IMessageStore.AppendAsync))
        {
            FailedAppends++;
            return Task.FromException<StoredMessage>(new MailStoreException(MailStoreError.Unavailable, "Injected: the process died before the Sent copy was written."));
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException is not null)
        {
            throw wrapped.InnerException;
        }
    }
}
