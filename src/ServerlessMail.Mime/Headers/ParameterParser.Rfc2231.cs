using System.Buffers;
using System.Text;

namespace ServerlessMail.Mime;

internal static partial class ParameterParser
{
    /// <summary>
    /// The RFC 2231 pieces of one field (<c>name*=</c>, <c>name*0=</c>, <c>name*1*=</c> ...), grouped by name. Each
    /// group holds a slot in the parameter list from the moment its first piece is seen, and the joined value fills
    /// the slot once the whole field has been read, since sections may come in any order.
    /// Only fields that use RFC 2231 pay for this.
    /// </summary>
    private sealed class Continuations
    {
        private readonly List<Group> _groups = [];
        private readonly List<Segment> _segments = [];

        public void Add(List<Parameter> parameters, string name, int section, bool encoded, ValueRange value)
        {
            var group = _groups.FindIndex(g => string.Equals(g.Name, name, StringComparison.Ordinal));
            if (group < 0)
            {
                group = _groups.Count;
                _groups.Add(new Group(name, ReserveSlot(parameters, name)));
            }

            _segments.Add(new Segment(group, section, encoded, value));
        }

        /// <summary>
        /// Reserves the slot for a new group. Senders that write both <c>filename="fallback"</c> and
        /// <c>filename*=utf-8''...</c> put the lossy form in the plain one, so the RFC 2231 value goes in front of a
        /// plain parameter of the same name and wins the first-match lookup; the plain one is still listed.
        /// </summary>
        private int ReserveSlot(List<Parameter> parameters, string name)
        {
            var slot = parameters.FindIndex(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            if (slot < 0)
            {
                parameters.Add(new Parameter(name, string.Empty));
                return parameters.Count - 1;
            }

            parameters.Insert(slot, new Parameter(name, string.Empty));
            for (var i = 0; i < _groups.Count; i++)
            {
                if (_groups[i].Slot >= slot)
                {
                    _groups[i] = _groups[i] with { Slot = _groups[i].Slot + 1 };
                }
            }

            return slot;
        }

        public void Complete(ReadOnlySpan<byte> raw, List<Parameter> parameters)
        {
            for (var i = 0; i < _groups.Count; i++)
            {
                var group = _groups[i];
                parameters[group.Slot] = new Parameter(group.Name, Join(raw, i, IsBoundary(group.Name)));
            }
        }

        /// <summary>
        /// Joins a group's sections in numeric order (RFC 2231 §3). A missing section leaves a gap that is simply
        /// closed; a repeated section number keeps the first. Without numbered sections the group is a single
        /// <c>name*=</c> value (RFC 2231 §4). The octets are joined before decoding because senders split a multi-octet
        /// character across sections.
        /// </summary>
        private string Join(ReadOnlySpan<byte> raw, int group, bool isBoundary)
        {
            var pieces = Pieces(group);
            var total = 0;
            foreach (var piece in pieces)
            {
                total += _segments[piece].Value.Length;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(total, 1));
            try
            {
                var length = 0;
                var anyEncoded = false;
                string? charset = null;
                for (var k = 0; k < pieces.Count; k++)
                {
                    var segment = _segments[pieces[k]];
                    var start = length;
                    var end = start + Unquote(raw.Slice(segment.Value.Start, segment.Value.Length), segment.Value.Quoted, buffer.AsSpan(start));
                    if (!segment.Encoded)
                    {
                        length = end;
                        continue;
                    }

                    anyEncoded = true;

                    // RFC 2231 §4.1: only the first section carries charset'language'. When section 0 is lost, the
                    // lowest one present is taken as first; an ext-value never holds a bare "'" of its own.
                    if (k == 0 && TrySplitCharset(buffer.AsSpan(start, end - start), out var name, out var valueStart))
                    {
                        charset = name;
                        length = PercentDecode(buffer, start + valueStart, end, start);
                    }
                    else
                    {
                        length = PercentDecode(buffer, start, end, start);
                    }
                }

                var joined = buffer.AsSpan(0, length);
                return anyEncoded ? Charsets.Decode(joined, charset) : ToText(joined, isBoundary);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>The indexes of the segments to join, in order.</summary>
        private List<int> Pieces(int group)
        {
            var numbered = new List<int>();
            var unnumbered = -1;
            for (var i = 0; i < _segments.Count; i++)
            {
                var segment = _segments[i];
                if (segment.Group != group)
                {
                    continue;
                }

                if (segment.Section >= 0)
                {
                    numbered.Add(i);
                }
                else if (unnumbered < 0)
                {
                    unnumbered = i;
                }
            }

            if (numbered.Count == 0)
            {
                numbered.Add(unnumbered);
                return numbered;
            }

            // Stable by arrival, so that of two equal section numbers the first is kept.
            numbered.Sort((a, b) => _segments[a].Section != _segments[b].Section
                ? _segments[a].Section.CompareTo(_segments[b].Section)
                : a.CompareTo(b));
            var kept = 1;
            for (var i = 1; i < numbered.Count; i++)
            {
                if (_segments[numbered[i]].Section != _segments[numbered[kept - 1]].Section)
                {
                    numbered[kept++] = numbered[i];
                }
            }

            numbered.RemoveRange(kept, numbered.Count - kept);
            return numbered;
        }

        /// <summary>Splits <c>charset'language'</c> off an ext-value (RFC 2231 §4). Both quotes are needed.</summary>
        private static bool TrySplitCharset(ReadOnlySpan<byte> value, out string? charset, out int valueStart)
        {
            charset = null;
            valueStart = 0;
            var first = value.IndexOf((byte)'\'');
            if (first < 0)
            {
                return false;
            }

            var second = value[(first + 1)..].IndexOf((byte)'\'');
            if (second < 0)
            {
                return false;
            }

            var name = value[..first].Trim(" \t"u8);
            charset = name.IsEmpty ? null : Encoding.Latin1.GetString(name);
            valueStart = first + 1 + second + 1;
            return true;
        }
    }

    private readonly record struct Group(string Name, int Slot);

    private readonly record struct Segment(int Group, int Section, bool Encoded, ValueRange Value);
}
