using System.Globalization;

namespace ServerlessMail.Core;

/// <summary>
/// The default relay on one machine: nothing leaves it. The message is read through once (so a missing or unreadable
/// blob fails here as it would with a real relay) and reported sent under a <c>local-capture-…</c> id; the outbound
/// record keeps the raw message, so captured mail is listed through the store's outbound listing.
/// </summary>
public sealed class LocalCaptureRelay : IMailRelay
{
    public const string ProviderIdPrefix = "local-capture-";

    public string Name => "local-capture";

    public async Task<RelayResult> SendAsync(RelayMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        long length = 0;
        var buffer = new byte[16 * 1024];
        var content = await message.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
        }

        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"captured locally ({length} bytes for {message.Recipients.Count} recipient(s)); nothing left this machine");
        return new RelaySent(ProviderIdPrefix + message.OutboundId, detail);
    }
}
