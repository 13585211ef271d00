namespace ServerlessMail.Api.Tests;

public sealed class ApiMarkerTests
{
    [Fact]
    public void EverythingLivesUnderV1() => Assert.Equal("/v1", ApiMarker.BasePath);
}
