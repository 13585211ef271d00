using System.Globalization;

namespace ServerlessMail.Storage.Aws.Dynamo;

/// <summary>Builds and reads attribute values. Numbers travel as invariant strings; dates as UTC ticks (exact round trips).</summary>
internal static class Av
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue N(ulong value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Date(DateTimeOffset value) => N(value.UtcTicks);

    /// <summary>DynamoDB TTL wants epoch seconds.</summary>
    public static AttributeValue TtlOf(DateTimeOffset expires) => N(expires.ToUnixTimeSeconds());

    public static AttributeValue Bool(bool value) => new() { BOOL = value };

    public static AttributeValue B(ReadOnlyMemory<byte> value) => new() { B = new MemoryStream(value.ToArray(), writable: false) };

    /// <summary>An ordered list of strings (a string set would lose order and cannot be empty).</summary>
    public static AttributeValue Strings(IEnumerable<string> values) => new() { L = values.Select(S).ToList() };

    public static AttributeValue List(List<AttributeValue> values) => new() { L = values };

    public static AttributeValue Map(Item value) => new() { M = value };

    public static Item Key(string pk, string sk) => new() { [Attr.Pk] = S(pk), [Attr.Sk] = S(sk) };

    public static void SetIfNotNull(this Item item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    public static void SetIfNotNull(this Item item, string name, long? value)
    {
        if (value is { } v)
        {
            item[name] = N(v);
        }
    }

    public static void SetIfNotNull(this Item item, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            item[name] = Date(v);
        }
    }

    public static string Str(this Item item, string name) =>
        item.TryGetValue(name, out var value) && value.S is { } s ? s : throw Corrupt(name);

    public static string? StrOrNull(this Item item, string name) => item.TryGetValue(name, out var value) ? value.S : null;

    public static long Long(this Item item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? long.Parse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : throw Corrupt(name);

    public static long? LongOrNull(this Item item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? long.Parse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;

    public static long LongOrZero(this Item item, string name) => item.LongOrNull(name) ?? 0;

    public static ulong ULong(this Item item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? ulong.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture) : throw Corrupt(name);

    public static uint UInt(this Item item, string name) => checked((uint)item.ULong(name));

    public static int Int(this Item item, string name) => checked((int)item.Long(name));

    public static bool Bool(this Item item, string name) => item.TryGetValue(name, out var value) && value.BOOL == true;

    public static DateTimeOffset Date(this Item item, string name) => new(item.Long(name), TimeSpan.Zero);

    public static DateTimeOffset? DateOrNull(this Item item, string name) =>
        item.LongOrNull(name) is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public static byte[] Bytes(this Item item, string name) =>
        item.TryGetValue(name, out var value) && value.B is { } stream ? stream.ToArray() : [];

    public static List<string> Strings(this Item item, string name) =>
        item.TryGetValue(name, out var value) && value.L is { } list ? list.Select(v => v.S ?? string.Empty).ToList() : [];

    public static Item MapOf(this Item item, string name) =>
        item.TryGetValue(name, out var value) && value.M is { } map ? map : throw Corrupt(name);

    public static List<AttributeValue> ListOf(this Item item, string name) =>
        item.TryGetValue(name, out var value) && value.L is { } list ? list : [];

    private static InvalidOperationException Corrupt(string name) =>
        new($"A stored item lacks the attribute '{name}' or has the wrong type; the table was written by something else.");
}
