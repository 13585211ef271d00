using Microsoft.Data.Sqlite;
using ServerlessMail.Core;

namespace ServerlessMail.Storage.Local.Sqlite;

/// <summary>
/// SQLite failures as typed store errors. Operations check their preconditions first and throw the precise error;
/// these mappings are the backstop for a constraint the database enforces on its own.
/// </summary>
internal static class SqliteErrors
{
    // https://www.sqlite.org/rescode.html
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int ReadOnly = 8;
    private const int ConstraintForeignKey = 787;
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;

    public static Exception Map(SqliteException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.SqliteExtendedErrorCode switch
        {
            ConstraintForeignKey => new MailStoreException(MailStoreError.NotFound, "A referenced record was not found.", exception),
            ConstraintPrimaryKey or ConstraintUnique => new MailStoreException(MailStoreError.Conflict, "The record already exists.", exception),
            _ => exception.SqliteErrorCode is Busy or Locked or IoError or Corrupt or Full or CantOpen or ReadOnly
                ? Unavailable(exception)
                : exception,
        };
    }

    public static MailStoreException Unavailable(Exception exception) =>
        exception is MailStoreException { Error: MailStoreError.Unavailable } already
            ? already
            : new MailStoreException(MailStoreError.Unavailable, "The local store failed: " + exception.Message, exception);
}
