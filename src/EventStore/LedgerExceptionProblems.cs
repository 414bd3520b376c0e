using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http;
using TitleReview.Domain;
using TitleReview.Web.Http;

namespace TitleReview.EventStore;

/// <summary>
/// The ledger's exceptions that are the request's doing, not the server's: a stream changed by someone else since it
/// was read (409), and text PostgreSQL cannot store such as U+0000 (400) — the refused statement wrote nothing.
/// </summary>
public sealed class LedgerExceptionProblems : IExceptionProblemMapper
{
    public (int Status, Bilingual Detail)? Map(Exception exception) => exception switch
    {
        ConcurrencyException or ExistingStreamIdCollisionException =>
            (StatusCodes.Status409Conflict, new("该申请已被他人修改，请刷新后重试。", "The application was changed by someone else; reload and try again.")),
        _ when IsUnstorableText(exception) =>
            (StatusCodes.Status400BadRequest,
                new("请求含有无法保存的字符（如 U+0000 空字符），请删除后重试。", "The request contains characters that cannot be stored (such as U+0000); remove them and resend.")),
        _ => null,
    };

    private static bool IsUnstorableText(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.PostgresException
                { SqlState: Npgsql.PostgresErrorCodes.CharacterNotInRepertoire or Npgsql.PostgresErrorCodes.UntranslatableCharacter })
            {
                return true;
            }
        }

        return false;
    }
}
