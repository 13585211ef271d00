namespace ServerlessMail.Api;

/// <summary>Names this assembly for hosts and tests until the app builder lands.</summary>
internal static class ApiMarker
{
    public const string BasePath = "/v1";
}
