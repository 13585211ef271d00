using ServerlessMail.Core;

namespace ServerlessMail.Storage.Local;

/// <summary>Checks of client-chosen values against <see cref="ModelLimits"/>, made before anything is written.</summary>
internal static class StoreValidation
{
    public static void FolderName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw Invalid("A folder needs a name.");
        }

        if (name.Length > ModelLimits.FolderName)
        {
            throw MailStoreException.TooLarge("The folder name", ModelLimits.FolderName);
        }

        // Hierarchy levels are separated by one '/' (RFC 3501 §5.1.1); an empty level has no name to list.
        if (name[0] == Folder.Separator || name[^1] == Folder.Separator || name.Contains("//", StringComparison.Ordinal))
        {
            throw Invalid($"'{name}' has an empty hierarchy level.");
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                throw Invalid("A folder name may not contain control characters.");
            }
        }
    }

    public static void Keywords(IReadOnlyCollection<string> keywords)
    {
        foreach (var keyword in keywords)
        {
            Keyword(keyword);
        }

        KeywordCount(keywords.Count);
    }

    public static void Keyword(string keyword)
    {
        if (string.IsNullOrEmpty(keyword))
        {
            throw Invalid("A keyword may not be empty.");
        }

        if (keyword.Length > ModelLimits.Keyword)
        {
            throw MailStoreException.TooLarge("A keyword", ModelLimits.Keyword);
        }
    }

    public static void KeywordCount(int count)
    {
        if (count > ModelLimits.KeywordsPerMessage)
        {
            throw new MailStoreException(MailStoreError.ValueTooLarge, $"A message may have at most {ModelLimits.KeywordsPerMessage} keywords.");
        }
    }

    public static void DisplayName(string? name)
    {
        if (name is { Length: > ModelLimits.DisplayName })
        {
            throw MailStoreException.TooLarge("The display name", ModelLimits.DisplayName);
        }
    }

    public static void TokenName(string name)
    {
        if (name is { Length: > ModelLimits.TokenName })
        {
            throw MailStoreException.TooLarge("The token name", ModelLimits.TokenName);
        }
    }

    public static void SuppressedAddress(string address)
    {
        if (address is not { Length: > 0 and <= Suppression.MaxAddressLength } || address.Any(char.IsUpper))
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, "A suppressed address is lower-cased and at most 254 characters.");
        }
    }

    public static void IdempotencyKey(string? key)
    {
        if (key is { Length: > ModelLimits.IdempotencyKey })
        {
            throw MailStoreException.TooLarge("The idempotency key", ModelLimits.IdempotencyKey);
        }
    }

    public static MailStoreException Invalid(string message) => new(MailStoreError.InvalidArgument, message);
}
