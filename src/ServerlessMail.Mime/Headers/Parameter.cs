namespace ServerlessMail.Mime;

/// <summary>One Content-Type or Content-Disposition parameter, after RFC 2231 reassembly and decoding.</summary>
/// <param name="Name">The parameter name, lower-cased, without any RFC 2231 <c>*n*</c> suffix.</param>
/// <param name="Value">The decoded value.</param>
public readonly record struct Parameter(string Name, string Value);
