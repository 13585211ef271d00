using System.Collections;

namespace ServerlessMail.Mime;

/// <summary>The header fields of one entity, in order, duplicates kept. Lookup ignores case.</summary>
public sealed class HeaderList : IReadOnlyList<Header>
{
    private readonly Header[] _headers;

    internal HeaderList(Header[] headers) => _headers = headers;

    public static HeaderList Empty { get; } = new([]);

    public int Count => _headers.Length;

    public Header this[int index] => _headers[index];

    /// <summary>The first field with this name, or null.</summary>
    public Header? Find(string name)
    {
        foreach (var header in _headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header;
            }
        }

        return null;
    }

    /// <summary>Every field with this name, in order.</summary>
    public IEnumerable<Header> FindAll(string name)
    {
        foreach (var header in _headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                yield return header;
            }
        }
    }

    public bool Contains(string name) => Find(name) is not null;

    /// <summary>The unfolded value of the first field with this name, or null.</summary>
    public string? GetValue(string name) => Find(name)?.Value;

    public IEnumerator<Header> GetEnumerator() => ((IEnumerable<Header>)_headers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
