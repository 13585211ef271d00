using System.Globalization;
using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// Reads and writes RFC 5322 §3.3 date-times. Parsing is tolerant of the obsolete syntax (§4.3) and of the broken
/// forms common in real mail: ISO 8601 stamps, asctime, dashes, full month names, missing seconds or zone, colons in
/// the zone, named zones. A date that names an impossible moment (Feb 30, hour 25) is null. Parsing never throws.
/// </summary>
public static class MailDate
{
    // A well-formed date has about 15 tokens; anything with many more is not a date.
    private const int MaxTokens = 48;

    // DateTimeOffset only represents offsets up to ±14 hours.
    private const int MaxOffsetMinutes = 14 * 60;

    public static DateTimeOffset? Parse(string? text) =>
        text is null ? null : Parse(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// The instant the header names. A missing zone, a military letter or an unknown zone name counts as UTC
    /// (RFC 5322 §4.3 treats them as -0000, "no information about the local zone"); the offset is then +00:00.
    /// </summary>
    public static DateTimeOffset? Parse(ReadOnlySpan<byte> raw)
    {
        Span<DateToken> tokens = stackalloc DateToken[MaxTokens];
        if (!DateTokenizer.Tokenize(raw, tokens, out var count, out var comment))
        {
            return null;
        }

        var fields = new DateFields();
        if (!fields.Read(raw, tokens[..count]))
        {
            return null;
        }

        if (!fields.HasZone)
        {
            // A zone given only as a comment, as in "10:00:00 (PST)".
            var trimmed = raw[comment].Trim(" \t\r\n"u8);
            if (DateNames.TryZone(trimmed, out var minutes))
            {
                fields.ZoneMinutes = minutes;
            }
        }

        return fields.ToDateTimeOffset();
    }

    /// <summary>The RFC 5322 §3.3 form, for example <c>Sun, 22 Nov 2026 10:00:00 +0000</c>.</summary>
    public static string Format(DateTimeOffset value)
    {
        var offset = (int)value.Offset.TotalMinutes;
        var sign = offset < 0 ? '-' : '+';
        offset = Math.Abs(offset);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{value:ddd, d MMM yyyy HH:mm:ss} {sign}{offset / 60:00}{offset % 60:00}");
    }

    /// <summary>The pieces of a date as they are found, in whatever order the sender wrote them.</summary>
    private struct DateFields
    {
        private int _day;
        private int _month;
        private int _year;
        private int _yearDigits;
        private int _hour;
        private int _minute;
        private int _second;
        private long _fractionTicks;
        private bool _hasTime;
        private bool _zoneIsUtcName;

        public int? ZoneMinutes { get; set; }

        public readonly bool HasZone => ZoneMinutes.HasValue;

        public bool Read(ReadOnlySpan<byte> raw, ReadOnlySpan<DateToken> t)
        {
            var i = ReadIsoDate(t);
            while (i < t.Length)
            {
                var token = t[i];
                switch (token.Kind)
                {
                    case DateTokenKind.Number:
                        if (!_hasTime && Is(t, i + 1, DateTokenKind.Colon) && Is(t, i + 2, DateTokenKind.Number))
                        {
                            i = ReadTime(t, i);
                            continue;
                        }

                        if (!ReadDayOrYear(token))
                        {
                            return false;
                        }

                        break;
                    case DateTokenKind.Word:
                        ReadWord(raw.Slice(token.Start, token.Length));
                        break;
                    case DateTokenKind.Plus or DateTokenKind.Minus:
                        // Before the time a dash only separates (22-Nov-2026); after it, a sign starts the zone.
                        if (_hasTime && (!HasZone || _zoneIsUtcName) && Is(t, i + 1, DateTokenKind.Number))
                        {
                            if (!ReadNumericZone(t, ref i))
                            {
                                return false;
                            }

                            continue;
                        }

                        break;
                }

                i++;
            }

            return _hasTime && _day > 0 && _month > 0 && _yearDigits > 0;
        }

        public readonly DateTimeOffset? ToDateTimeOffset()
        {
            var year = _year;
            if (_yearDigits <= 2)
            {
                // RFC 5322 §4.3: two-digit years 00-49 are 20xx, 50-99 are 19xx.
                year += year < 50 ? 2000 : 1900;
            }
            else if (_yearDigits == 3)
            {
                // RFC 5322 §4.3: a three-digit year has 1900 added (it came from a tm_year field).
                year += 1900;
            }

            if (year is < 1 or > 9999 || _month is < 1 or > 12 || _day < 1 || _day > DateTime.DaysInMonth(year, _month))
            {
                return null;
            }

            if (_hour > 23 || _minute > 59 || _second > 60)
            {
                return null;
            }

            // RFC 5322 §3.3 allows second 60 (a leap second); DateTime does not, so it becomes 59.
            var second = Math.Min(_second, 59);
            var offset = ZoneMinutes ?? 0;
            var local = new DateTime(year, _month, _day, _hour, _minute, second, DateTimeKind.Unspecified).Ticks + _fractionTicks;
            var utc = local - (offset * TimeSpan.TicksPerMinute);
            if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
            {
                return null;
            }

            return new DateTimeOffset(local, TimeSpan.FromMinutes(offset));
        }

        private static bool Is(ReadOnlySpan<DateToken> t, int index, DateTokenKind kind) =>
            index < t.Length && t[index].Kind == kind;

        /// <summary>ISO 8601 and friends start with a four-digit year: 2026-11-22 or 2026/11/22.</summary>
        private int ReadIsoDate(ReadOnlySpan<DateToken> t)
        {
            if (t.Length < 5 || t[0].Digits != 4 || t[2].Kind != DateTokenKind.Number || t[4].Kind != DateTokenKind.Number)
            {
                return 0;
            }

            var separator = t[1].Kind;
            if (separator is not (DateTokenKind.Minus or DateTokenKind.Separator) || t[3].Kind != separator)
            {
                return 0;
            }

            _year = t[0].Value;
            _yearDigits = 4;
            _month = t[2].Value;
            _day = t[4].Value;
            return 5;
        }

        /// <summary>hour ":" minute [":" second ["." fraction]]; RFC 5322 §4.3 allows CFWS around the colons.</summary>
        private int ReadTime(ReadOnlySpan<DateToken> t, int i)
        {
            _hasTime = true;
            _hour = t[i].Value;
            _minute = t[i + 2].Value;
            i += 3;
            if (Is(t, i, DateTokenKind.Colon) && Is(t, i + 1, DateTokenKind.Number))
            {
                _second = t[i + 1].Value;
                i += 2;
                if (Is(t, i, DateTokenKind.Dot) && Is(t, i + 1, DateTokenKind.Number))
                {
                    _fractionTicks = FractionTicks(t[i + 1]);
                    i += 2;
                }
            }

            return i;
        }

        private static long FractionTicks(DateToken fraction)
        {
            long value = fraction.Value;
            for (var d = fraction.Digits; d < 7; d++)
            {
                value *= 10;
            }

            for (var d = fraction.Digits; d > 7; d--)
            {
                value /= 10;
            }

            return value;
        }

        /// <summary>A number outside the time is the day (one or two digits, first) or the year.</summary>
        private bool ReadDayOrYear(DateToken token)
        {
            if (token.Digits <= 2 && _day == 0)
            {
                _day = token.Value == 0 ? -1 : token.Value;
                return true;
            }

            if (_yearDigits == 0)
            {
                _year = token.Value;
                _yearDigits = token.Digits;
                return true;
            }

            // A stray number after the time (an unsigned zone, a serial) is ignored; before it the date is ambiguous.
            return _hasTime;
        }

        private void ReadWord(ReadOnlySpan<byte> word)
        {
            if (_month == 0 && DateNames.Month(word) is var month and > 0)
            {
                _month = month;
                return;
            }

            if (DateNames.IsWeekday(word))
            {
                return;
            }

            if (!_hasTime)
            {
                // Words before the time (the ISO "T", junk) carry nothing we need.
                return;
            }

            if (Ascii.EqualsIgnoreCase(word, "am"u8) || Ascii.EqualsIgnoreCase(word, "pm"u8))
            {
                var pm = (word[0] | 0x20) == 'p';
                if (_hour is >= 1 and <= 12)
                {
                    _hour = (_hour % 12) + (pm ? 12 : 0);
                }

                return;
            }

            if (HasZone)
            {
                return;
            }

            // RFC 5322 §4.3: military letters and unknown alphabetic zones are equivalent to -0000, which is what a
            // missing zone already means here, so only known names set the zone; a later numeric zone still counts.
            if (DateNames.TryZone(word, out var minutes))
            {
                ZoneMinutes = minutes;
                _zoneIsUtcName = minutes == 0;
            }
        }

        /// <summary>"+hhmm", "+hh:mm", "+h", "+hh" (and after GMT/UTC: "GMT+2"); false when out of range.</summary>
        private bool ReadNumericZone(ReadOnlySpan<DateToken> t, ref int i)
        {
            var negative = t[i].Kind == DateTokenKind.Minus;
            var number = t[i + 1];
            i += 2;
            int hours;
            var minutes = 0;
            if (number.Digits is 3 or 4)
            {
                hours = number.Value / 100;
                minutes = number.Value % 100;
            }
            else if (number.Digits <= 2)
            {
                hours = number.Value;
                if (Is(t, i, DateTokenKind.Colon) && Is(t, i + 1, DateTokenKind.Number) && t[i + 1].Digits == 2)
                {
                    minutes = t[i + 1].Value;
                    i += 2;
                }
            }
            else
            {
                return false;
            }

            var total = (hours * 60) + minutes;
            if (minutes > 59 || total > MaxOffsetMinutes)
            {
                return false;
            }

            ZoneMinutes = negative ? -total : total;
            _zoneIsUtcName = false;
            return true;
        }
    }
}
