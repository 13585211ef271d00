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

    /// <summary>Builds a list for composing. Names are lower-cased; order and duplicates are kept.</summary>
    public ParameterList(IEnumerable<Parameter> parameters)
        : this(Copy(parameters))
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

    private static List<Parameter> Copy(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var items = new List<Parameter>();
        foreach (var parameter in parameters)
        {
            ArgumentException.ThrowIfNullOrEmpty(parameter.Name, nameof(parameters));
            ArgumentNullException.ThrowIfNull(parameter.Value, nameof(parameters));
            items.Add(parameter with { Name = parameter.Name.ToLowerInvariant() });
        }

        return items;
    }

    public IEnumerator<Parameter> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
