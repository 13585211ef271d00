using ServerlessMail.Core;

namespace ServerlessMail.Core.Tests;

public sealed class MailboxNotifierTests
{
    [Fact]
    public async Task Publish_CompletesEveryWaiterOfThatInbox()
    {
        var notifier = new MailboxNotifier();
        var first = notifier.NextChangeAsync("inb_a");
        var second = notifier.NextChangeAsync("inb_a");
        Assert.Same(first, second);
        Assert.False(first.IsCompleted);

        notifier.Publish("inb_a");

        await first.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(first.IsCompletedSuccessfully);
    }

    [Fact]
    public void Publish_ToAnotherInbox_LeavesTheWaiterPending()
    {
        var notifier = new MailboxNotifier();
        var waiter = notifier.NextChangeAsync("inb_a");

        notifier.Publish("inb_b");

        Assert.False(waiter.IsCompleted);
    }

    [Fact]
    public async Task AChangeBetweenSubscribingAndWaiting_IsNotLost()
    {
        var notifier = new MailboxNotifier();
        var change = notifier.NextChangeAsync("inb_a");
        notifier.Publish("inb_a");

        Assert.True(await MailboxNotifier.WaitAsync(change, TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    [Fact]
    public async Task AfterAPublish_TheNextWaiterWaitsForTheNextChange()
    {
        var notifier = new MailboxNotifier();
        notifier.Publish("inb_a");
        var waiter = notifier.NextChangeAsync("inb_a");

        Assert.False(await MailboxNotifier.WaitAsync(waiter, TimeSpan.FromMilliseconds(20), CancellationToken.None));
    }
}
