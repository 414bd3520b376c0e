using TitleReview.Intake.Features.IdNumberLookup;

namespace TitleReview.Intake.Features.IntegrityRegister;

/// <summary>
/// Notice 四(三)3: whoever obtained a title by fraud has it revoked and is recorded for 3 years, during which Intake
/// refuses their applications. Keyed by the 身份证 number (normalised: no spaces, upper-case X), which only Intake holds.
/// </summary>
public sealed class IntegrityRecord
{
    public const string Clause = "四(三)3";
    public const int Years = 3;

    public string Id { get; set; } = "";
    /// <summary>The revoked certificate, when the record comes from a revocation here.</summary>
    public string CertificateNumber { get; set; } = "";

    /// <summary>What was found, when the record was imported (学术不端, 弄虚作假 …).</summary>
    public string? Finding { get; set; }

    /// <summary>Where an imported record comes from, and who imported it.</summary>
    public string? Source { get; set; }
    public string? ImportedBy { get; set; }

    public DateOnly RecordedOn { get; set; }

    /// <summary>The first day applications are accepted again.</summary>
    public DateOnly Until { get; set; }

    public bool Refuses(DateOnly today) => today < Until;

    public static string KeyOf(string idNumber) => IdNumbers.Normalise(idNumber);
}
