using ServerlessMail.Core;

namespace ServerlessMail.Api.Http;

/// <summary>The <c>limit</c> and <c>cursor</c> query parameters every listing takes (newest first, Core's cursors).</summary>
internal static class Paging
{
    public static PageRequest Read(int? limit, string? cursor)
    {
        if (limit is < 1 or > PageRequest.MaxLimit)
        {
            throw ApiProblem.BadRequest($"limit must be between 1 and {PageRequest.MaxLimit}.");
        }

        if (cursor is { Length: > 1024 })
        {
            throw new MailStoreException(MailStoreError.InvalidCursor, "The cursor is not valid for this listing.");
        }

        return new PageRequest(limit ?? PageRequest.DefaultLimit, string.IsNullOrEmpty(cursor) ? null : cursor);
    }
}
