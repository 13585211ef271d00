using System.Buffers;

namespace ServerlessMail.Mime;

/// <summary>
/// A growable buffer that starts on caller-provided (usually stack) memory and moves to <see cref="ArrayPool{T}"/>
/// only when it outgrows it, so short header values decode without heap scratch.
/// </summary>
internal ref struct ValueBuffer<T>
{
    private Span<T> _span;
    private T[]? _rented;
    private int _length;

    public ValueBuffer(Span<T> initial)
    {
        _span = initial;
        _rented = null;
        _length = 0;
    }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<T> Written => _span[.._length];

    public void Append(T item)
    {
        if (_length == _span.Length)
        {
            Grow(1);
        }

        _span[_length++] = item;
    }

    public void Append(scoped ReadOnlySpan<T> items)
    {
        items.CopyTo(GetSpan(items.Length));
        _length += items.Length;
    }

    /// <summary>Returns at least <paramref name="sizeHint"/> free elements after the written ones; call <see cref="Advance"/> after filling them.</summary>
    public Span<T> GetSpan(int sizeHint)
    {
        if (_span.Length - _length < sizeHint)
        {
            Grow(sizeHint);
        }

        return _span[_length..];
    }

    public void Advance(int count) => _length += count;

    public void Clear() => _length = 0;

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<T>.Shared.Return(_rented);
            _rented = null;
        }
    }

    private void Grow(int additional)
    {
        int needed = checked(_length + additional);
        int size = Math.Max(needed, Math.Max(_span.Length * 2, 64));
        T[] next = ArrayPool<T>.Shared.Rent(size);
        _span[.._length].CopyTo(next);
        if (_rented is not null)
        {
            ArrayPool<T>.Shared.Return(_rented);
        }

        _rented = next;
        _span = next;
    }
}
