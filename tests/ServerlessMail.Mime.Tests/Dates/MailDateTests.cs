using System.Globalization;
using System.Text;

namespace ServerlessMail.Mime.Tests;

public sealed class MailDateTests
{
    [Theory]
    // RFC 5322 §3.3 and its appendix A examples.
    [InlineData("Sun, 22 Nov 2026 10:00:00 +0000", "2026-11-22T10:00:00+00:00")]
    [InlineData("Fri, 21 Nov 1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00")]
    [InlineData("Tue, 1 Jul 2003 10:52:37 +0200", "2003-07-01T10:52:37+02:00")]
    [InlineData("Thu, 13 Feb 1969 23:32:54 -0330", "1969-02-13T23:32:54-03:30")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 -0000", "2026-11-22T10:00:00+00:00")]
    // Comments, folds and extra whitespace (RFC 5322 §4.3 obs-date-time, appendix A.6.3).
    [InlineData("Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n               -0330 (Newfoundland Time)", "1969-02-13T23:32:00-03:30")]
    [InlineData("Fri, 21 Nov 1997 09(comment):   55  :  06 -0600", "1997-11-21T09:55:06-06:00")]
    [InlineData("Tue, 1 Jul 2003 10:52:37 +0200 (CEST)", "2003-07-01T10:52:37+02:00")]
    [InlineData("  Sun,   22   Nov   2026   10:00:00   +0000  ", "2026-11-22T10:00:00+00:00")]
    // Two- and three-digit years (RFC 5322 §4.3).
    [InlineData("21 Nov 97 09:55:06 GMT", "1997-11-21T09:55:06+00:00")]
    [InlineData("21 Nov 26 09:55:06 GMT", "2026-11-21T09:55:06+00:00")]
    [InlineData("21 Nov 49 09:55:06 GMT", "2049-11-21T09:55:06+00:00")]
    [InlineData("21 Nov 50 09:55:06 GMT", "1950-11-21T09:55:06+00:00")]
    [InlineData("21 Nov 126 09:55:06 GMT", "2026-11-21T09:55:06+00:00")]
    // Named zones from RFC 5322 §4.3.
    [InlineData("Sun, 22 Nov 2026 10:00:00 UT", "2026-11-22T10:00:00+00:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 GMT", "2026-11-22T10:00:00+00:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 EST", "2026-11-22T10:00:00-05:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 EDT", "2026-11-22T10:00:00-04:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 CST", "2026-11-22T10:00:00-06:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 CDT", "2026-11-22T10:00:00-05:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 MST", "2026-11-22T10:00:00-07:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 MDT", "2026-11-22T10:00:00-06:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 PST", "2026-11-22T10:00:00-08:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 pdt", "2026-11-22T10:00:00-07:00")]
    // Military letters and unknown names carry no information: -0000.
    [InlineData("Sun, 22 Nov 2026 10:00:00 A", "2026-11-22T10:00:00+00:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 Z", "2026-11-22T10:00:00+00:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 XYZT", "2026-11-22T10:00:00+00:00")]
    // Other common names.
    [InlineData("Sun, 22 Nov 2026 10:00:00 CET", "2026-11-22T10:00:00+01:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 CEST", "2026-11-22T10:00:00+02:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 BST", "2026-11-22T10:00:00+01:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 IST", "2026-11-22T10:00:00+05:30")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 JST", "2026-11-22T10:00:00+09:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 AEDT", "2026-11-22T10:00:00+11:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 UTC", "2026-11-22T10:00:00+00:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 GMT+0200", "2026-11-22T10:00:00+02:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 UTC-5", "2026-11-22T10:00:00-05:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 GMT+05:30", "2026-11-22T10:00:00+05:30")]
    // A zone given only as a comment.
    [InlineData("Sun, 22 Nov 2026 10:00:00 (PST)", "2026-11-22T10:00:00-08:00")]
    // Numeric zone forms.
    [InlineData("Sun, 22 Nov 2026 10:00:00 +0530", "2026-11-22T10:00:00+05:30")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 +05:30", "2026-11-22T10:00:00+05:30")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 -05", "2026-11-22T10:00:00-05:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 +1400", "2026-11-22T10:00:00+14:00")]
    // Missing pieces.
    [InlineData("Sun, 22 Nov 2026 10:00 +0000", "2026-11-22T10:00:00+00:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00", "2026-11-22T10:00:00+00:00")]
    [InlineData("22 Nov 2026 10:00:00 +0100", "2026-11-22T10:00:00+01:00")]
    [InlineData("Sun 22 Nov 2026 10:00:00 +0100", "2026-11-22T10:00:00+01:00")]
    // Day-of-week mismatch is ignored (22 Nov 2026 is a Sunday).
    [InlineData("Wed, 22 Nov 2026 10:00:00 +0000", "2026-11-22T10:00:00+00:00")]
    [InlineData("Wednesday, 22 Nov 2026 10:00:00 +0000", "2026-11-22T10:00:00+00:00")]
    // Dashes, case, full names, single digits.
    [InlineData("22-Nov-2026 10:00:00 +0000", "2026-11-22T10:00:00+00:00")]
    [InlineData("Sun, 22-nov-2026 10:00:00 -0800", "2026-11-22T10:00:00-08:00")]
    [InlineData("Sun, 22 NOV 2026 10:00:00 +0000", "2026-11-22T10:00:00+00:00")]
    [InlineData("Sunday, 22 November 2026 10:00:00 +0000", "2026-11-22T10:00:00+00:00")]
    [InlineData("Tue, 1 Sept 2026 10:00:00 +0000", "2026-09-01T10:00:00+00:00")]
    [InlineData("Sun, 2 Nov 2026 9:05:07 +0000", "2026-11-02T09:05:07+00:00")]
    [InlineData("Sun, 02 Nov 2026 09:05:07 +0000", "2026-11-02T09:05:07+00:00")]
    [InlineData("Nov 22 2026 10:00:00 +0000", "2026-11-22T10:00:00+00:00")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 PM +0000", "2026-11-22T22:00:00+00:00")]
    [InlineData("Sun, 22 Nov 2026 12:30:00 AM +0000", "2026-11-22T00:30:00+00:00")]
    // ISO 8601-ish.
    [InlineData("2026-11-22T10:00:00Z", "2026-11-22T10:00:00+00:00")]
    [InlineData("2026-11-22T10:00:00+05:30", "2026-11-22T10:00:00+05:30")]
    [InlineData("2026-11-22 10:00:00 +0000", "2026-11-22T10:00:00+00:00")]
    [InlineData("2026-11-22 10:00:00 -0700", "2026-11-22T10:00:00-07:00")]
    [InlineData("2026/11/22 10:00:00", "2026-11-22T10:00:00+00:00")]
    [InlineData("2026-11-22T10:00:00.250Z", "2026-11-22T10:00:00.25+00:00")]
    // asctime and date(1).
    [InlineData("Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37+00:00")]
    [InlineData("Sun Nov  6 08:49:37 PST 1994", "1994-11-06T08:49:37-08:00")]
    [InlineData("Sun Nov  6 08:49:37 1994 -0800", "1994-11-06T08:49:37-08:00")]
    // Leap second and calendar edges.
    [InlineData("Wed, 31 Dec 2008 23:59:60 +0000", "2008-12-31T23:59:59+00:00")]
    [InlineData("Thu, 29 Feb 2024 10:00:00 +0000", "2024-02-29T10:00:00+00:00")]
    public void Parse_Valid_ReturnsExactInstant(string input, string expected)
    {
        var want = DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture);

        var got = MailDate.Parse(input);

        Assert.NotNull(got);
        Assert.Equal(want, got.Value);
        Assert.Equal(want.Offset, got.Value.Offset);
        Assert.Equal(got, MailDate.Parse(Encoding.UTF8.GetBytes(input)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("Sun, 22 Nov 2026")]
    [InlineData("10:00:00 +0000")]
    [InlineData("Sun, 22 2026 10:00:00 +0000")]
    [InlineData("Sun, Nov 2026 10:00:00 +0000")]
    [InlineData("Sun, 22 Nov 10:00:00 +0000")]
    [InlineData("Mon, 30 Feb 2026 10:00:00 +0000")]
    [InlineData("Thu, 29 Feb 2026 10:00:00 +0000")]
    [InlineData("Sun, 31 Nov 2026 10:00:00 +0000")]
    [InlineData("Sun, 0 Nov 2026 10:00:00 +0000")]
    [InlineData("Sun, 22 Nov 2026 25:00:00 +0000")]
    [InlineData("Sun, 22 Nov 2026 24:00:00 +0000")]
    [InlineData("Sun, 22 Nov 2026 10:60:00 +0000")]
    [InlineData("Sun, 22 Nov 2026 10:00:61 +0000")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 +0575")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 +2500")]
    [InlineData("Sun, 22 Nov 2026 10:00:00 +123456")]
    [InlineData("Sun, 22 Nov 12345 10:00:00 +0000")]
    [InlineData("Sun, 22 Nov 1234567890 10:00:00 +0000")]
    [InlineData("Sun, 22 23 Nov 2026 10:00:00 +0000")]
    [InlineData("2026-13-01T10:00:00Z")]
    [InlineData("Fri, 31 Dec 9999 23:00:00 -0500")]
    [InlineData("Mon, 1 Jan 0001 00:30:00 +0100")]
    [InlineData("((((((((((")]
    public void Parse_Invalid_ReturnsNull(string input)
    {
        Assert.Null(MailDate.Parse(input));
    }

    [Fact]
    public void Parse_UnterminatedTrailingComment_StillReadsTheDate()
    {
        // The comment swallows only what follows it.
        Assert.Equal(
            new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
            MailDate.Parse("Sun, 22 Nov 2026 10:00:00 (unterminated +0500"));
    }

    [Fact]
    public void Parse_TooManyTokens_ReturnsNullWithoutThrowing()
    {
        var input = string.Concat(Enumerable.Repeat("1 ", 1000)) + "22 Nov 2026 10:00:00 +0000";

        Assert.Null(MailDate.Parse(input));
    }

    [Fact]
    public void Parse_NullString_ReturnsNull()
    {
        Assert.Null(MailDate.Parse((string?)null));
    }

    [Theory]
    [InlineData("2026-11-22T10:00:00+00:00", "Sun, 22 Nov 2026 10:00:00 +0000")]
    [InlineData("1997-11-21T09:55:06-06:00", "Fri, 21 Nov 1997 09:55:06 -0600")]
    [InlineData("2003-07-01T10:52:37+02:00", "Tue, 1 Jul 2003 10:52:37 +0200")]
    [InlineData("1969-02-13T23:32:54-03:30", "Thu, 13 Feb 1969 23:32:54 -0330")]
    [InlineData("2026-01-05T00:00:00.999+05:45", "Mon, 5 Jan 2026 00:00:00 +0545")]
    public void Format_WritesRfc5322Form(string input, string expected)
    {
        var value = DateTimeOffset.Parse(input, CultureInfo.InvariantCulture);

        Assert.Equal(expected, MailDate.Format(value));
    }

    [Fact]
    public void Format_ThenParse_RoundTripsToTheSecond()
    {
        var value = new DateTimeOffset(2031, 3, 9, 17, 4, 59, TimeSpan.FromMinutes(-210));

        Assert.Equal(value, MailDate.Parse(MailDate.Format(value)));
    }
}
