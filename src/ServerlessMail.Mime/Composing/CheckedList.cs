using System.Collections.ObjectModel;

namespace ServerlessMail.Mime;

/// <summary>A list that checks (and may normalise) every item as it is added, so bad input fails where it is given.</summary>
internal sealed class CheckedList<T>(string field, Func<T, string, T> check) : Collection<T>
{
    protected override void InsertItem(int index, T item) => base.InsertItem(index, check(item, $"{field}[{index}]"));

    protected override void SetItem(int index, T item) => base.SetItem(index, check(item, $"{field}[{index}]"));
}
