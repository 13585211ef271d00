using System.Net;
using System.Net.Http.Headers;

namespace ServerlessMail.Relay.Ses;

/// <summary>The request body as HttpContent: written straight to the connection, with the length the hash pass measured.</summary>
internal sealed class SesRequestContent : HttpContent
{
    private readonly SesRequestBody _body;
    private readonly long _length;

    public SesRequestContent(SesRequestBody body, long length)
    {
        _body = body;
        _length = length;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        _body.WriteToAsync(stream, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _body.WriteToAsync(stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
