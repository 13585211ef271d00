namespace ServerlessMail.Core;

/// <summary>One page of a newest-first listing. <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>A page size (1–<see cref="MaxLimit"/>) and an opaque cursor from a previous page.</summary>
public sealed record PageRequest(int Limit = PageRequest.DefaultLimit, string? Cursor = null)
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 500;

    public int EffectiveLimit => Math.Clamp(Limit, 1, MaxLimit);
}
