namespace TitleReview.Intake.Features.IdNumberLookup;

/// <summary>
/// A 身份证 number as Intake keeps and looks it up: without any spaces (portals send "3202 0219…" as typed) and with
/// an upper-case X. Applied once where a number enters (submission, resubmission, imports, the by-number lookup), so
/// every store and every lookup compares the same form.
/// </summary>
public static class IdNumbers
{
    public static string Normalise(string idNumber) => string.Concat(idNumber.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
}
