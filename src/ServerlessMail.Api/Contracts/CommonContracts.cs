using ServerlessMail.Core;

namespace ServerlessMail.Api.Contracts;

/// <summary>RFC 7807 problem details; a send refused by quota adds the limit, its scope, its value and when it resets.</summary>
internal sealed record ProblemBody(
    string Type,
    string Title,
    int Status,
    string? Detail,
    string? Instance,
    string? Limit = null,
    string? Scope = null,
    long? LimitValue = null,
    DateTimeOffset? ResetAt = null);

/// <summary>One page, newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for the next (null on the last page).</summary>
internal sealed record ListBody<T>(IReadOnlyList<T> Items, string? NextCursor);

internal sealed record HealthBody(string Status);

internal sealed record AddressBody(string? Name, string Address)
{
    public static IReadOnlyList<AddressBody> Of(IReadOnlyList<AddressSummary> addresses) =>
        addresses.Select(a => new AddressBody(a.Name, a.Address)).ToList();
}

/// <summary>The JSON spelling of Core's enums, in one place (camelCase, as the bodies are).</summary>
internal static class JsonNames
{
    public static string Of(QuotaLimitKind kind) => kind switch
    {
        QuotaLimitKind.SendsPerDay => "sendsPerDay",
        QuotaLimitKind.SendsPerMinute => "sendsPerMinute",
        _ => "storedBytes",
    };

    public static string Of(OutboundStatus status) => status.ToString().ToLowerInvariant();

    public static string? Of(SpecialUse use) => use == SpecialUse.None ? null : use.ToString().ToLowerInvariant();
}
