using System.Security.Cryptography;
using System.Text;
using TitleReview.Domain.Cycles;

namespace TitleReview.Payment.Features.AssessFee;

/// <summary>
/// 缴款码: committee code, year and 10 characters derived from the application id. Derived rather than random so a
/// redelivered FinalApproved can never mint a second reference; the unique index catches the (remote) collision.
/// </summary>
public static class PaymentReference
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string For(ReviewCycle cycle, Guid applicationId)
    {
        var hash = SHA256.HashData(applicationId.ToByteArray());
        var code = new StringBuilder(10);
        for (var i = 0; i < 10; i++)
        {
            code.Append(Alphabet[hash[i] % Alphabet.Length]);
        }

        return $"{cycle.CommitteeCode}{cycle.Year}-{code}";
    }
}
