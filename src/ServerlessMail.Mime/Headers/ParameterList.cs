using System.Collections;

namespace ServerlessMail.Mime;

/// <summary>Parameters in the order they appeared. Lookup is case-insensitive; when a name repeats, the first wins.</summary>
public sealed class ParameterList : IReadOnlyList<Parameter>
{
    private readonly List<Parameter> _items;

    public ParameterList()
        : this(new List<Parameter>())
    {
    }

    internal ParameterList(List<Parameter> items) => _items = items;

    public static ParameterList Empty { get; } = new();

    public int Count => _items.Count;

    public Parameter this[int index] => _items[index];

    /// <summary>The first value with this name, or null.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var item in _items)
            {
                if (string.Equals(item.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return item.Value;
                }
            }

            return null;
        }
    }

    public IEnumerator<Parameter> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
