using System.Text.Json;
using TitleReview.Contracts.Events;

namespace TitleReview.Contracts.Tests;

/// <summary>Events stored before a field was added must still read: the new fields are optional and come back null.</summary>
public sealed class EventShapeTests
{
    [Fact]
    public void A_certificate_issued_before_verification_codes_existed_still_reads()
    {
        const string stored = """
            {"Level": 1, "HolderName": "张三", "Specialty": "机械", "IssueDate": "2023-06-08", "DecisionDate": "2023-06-08",
             "ApplicationId": "018874ae-e93c-72ba-b42f-7d5a769df315", "CommitteeName": "无锡市锡山区工程技术中级专业技术资格评审委员会",
             "CertificateNumber": "XSGC-2023-Z-00001"}
            """;

        var issued = JsonSerializer.Deserialize<CertificateIssued>(stored)!;

        Assert.Equal("XSGC-2023-Z-00001", issued.CertificateNumber);
        Assert.Equal(TitleLevel.Engineer, issued.Level);
        Assert.Null(issued.VerificationCode);
        Assert.Null(issued.Title);
    }

    [Fact]
    public void A_revocation_without_evidence_fields_still_reads()
    {
        const string stored = """
            {"Reason": "业绩造假", "RevokedAt": "2023-07-01T02:00:00+00:00", "ApplicationId": "018874ae-e93c-72ba-b42f-7d5a769df315", "CertificateNumber": "XSGC-2023-Z-00001"}
            """;

        var revoked = JsonSerializer.Deserialize<CertificateRevoked>(stored)!;

        Assert.Equal("业绩造假", revoked.Reason);
        Assert.Null(revoked.EvidenceSha256);
    }
}
