using System.Text;

namespace ServerlessMail.Mime.Tests.Composing;

/// <summary>File names written by the parameter writer come back unchanged through the library's parameter parser.</summary>
public class ParameterRoundTripTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 300)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FileName_ParsesBackFromBothHeaders(int seed)
    {
        var random = new ComposeRandom(seed);
        var fileName = random.FileName();
        foreach (var utf8 in new[] { false, true })
        {
            var disposition = new HeaderFolder("Content-Disposition");
            disposition.Append(" ", "attachment");
            ParameterWriter.WriteExtended(disposition, "filename", fileName, utf8);
            var dispositionField = disposition.Complete();
            ComposedOutput.AssertHeaderLinesFit(dispositionField, limit: 78);

            var contentType = new HeaderFolder("Content-Type");
            contentType.Append(" ", "application/pdf");
            ParameterWriter.WriteEncodedWords(contentType, "name", fileName, utf8);
            var contentTypeField = contentType.Complete();
            ComposedOutput.AssertHeaderLinesFit(contentTypeField, limit: 78);

            var parsedDisposition = ContentDisposition.Parse(Value(dispositionField));
            var parsedType = ContentType.Parse(Value(contentTypeField));
            Assert.Equal("attachment", parsedDisposition.Disposition);
            Assert.Equal(fileName, parsedDisposition.FileName);
            Assert.Equal("application/pdf", parsedType.MimeType);
            Assert.Equal(fileName, parsedType.Name);
        }
    }

    private static byte[] Value(string field) => Encoding.UTF8.GetBytes(field[(field.IndexOf(':', StringComparison.Ordinal) + 1)..^2]);
}
