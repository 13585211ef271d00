using System.Text;

namespace ServerlessMail.Mime.Tests;

/// <summary>Renders parameters as <c>name=value|name=value</c> so a table row can state a whole list.</summary>
internal static class ParameterTestText
{
    public static string Render(ParameterList parameters) =>
        string.Join("|", parameters.Select(p => p.Name + "=" + p.Value));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
