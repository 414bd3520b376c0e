using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TitleReview.Certificate.Features.Issue;
using TitleReview.Certificate.Features.Revocation;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Web.Http;

namespace TitleReview.Certificate.UnitTests.Revocation;

public sealed class RevocationDecisionTests
{
    private const string Number = "XSGC-2023-Z-00001";
    private const string Sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static readonly Guid ApplicationId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);

    private static CertificateRecord Issued(DateTimeOffset? revokedAt = null) => new()
    {
        Number = Number,
        ApplicationId = ApplicationId,
        HolderName = "李四",
        Specialty = "建筑工程",
        Level = TitleLevel.Engineer,
        IssueDate = new DateOnly(2026, 5, 21),
        VerificationCode = "ABCDEFGHJK",
        RevokedAt = revokedAt,
        RevocationReason = revokedAt is null ? null : "业绩材料造假",
    };

    private static RevokeCommand Revoke(string number = Number) => new(number, "业绩材料造假，经核查属实", Sha256, "scan.png", Now);

    private static Refusal Refused(CertificateRecord? certificate, RevokeCommand? command = null)
    {
        var decision = CertificateRevocation.Decide(certificate, command ?? Revoke());
        Assert.True(decision.IsRefused);
        return decision.Refusal!;
    }

    [Fact]
    public void An_issued_certificate_is_revoked_on_its_applications_stream_with_the_reason_and_the_evidence()
    {
        Assert.True(CertificateRevocation.Decide(Issued(), Revoke()).Accepted(out var revoked, out _));

        Assert.Equal(new CertificateRevoked(ApplicationId, Number, "业绩材料造假，经核查属实", Now, Sha256, "scan.png"), revoked);
    }

    [Fact]
    public void The_revocation_is_dated_by_the_given_now_not_by_any_clock()
    {
        var later = Now.AddYears(3);

        Assert.True(CertificateRevocation.Decide(Issued(), Revoke() with { Now = later }).Accepted(out var revoked, out _));
        Assert.Equal(later, revoked.RevokedAt);
    }

    [Fact]
    public void A_number_never_issued_is_not_found_by_the_number_asked_for()
    {
        var refusal = Refused(null, Revoke("XSGC-2023-Z-99999"));

        Assert.Equal(RefusalKind.NotFound, refusal.Kind);
        Assert.Equal("certificate-not-found", refusal.Code);
        Assert.Equal(new Bilingual("没有编号为 XSGC-2023-Z-99999 的证书。", "No certificate XSGC-2023-Z-99999."), refusal.Reason);
    }

    [Fact]
    public void A_certificate_revoked_once_is_not_revoked_twice_and_the_refusal_names_the_first_date()
    {
        var refusal = Refused(Issued(revokedAt: new DateTimeOffset(2026, 5, 30, 8, 0, 0, TimeSpan.Zero)));

        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal("certificate-already-revoked", refusal.Code);
        Assert.Equal("四(三)3", refusal.Clause);
        Assert.Equal(new Bilingual($"证书 {Number} 已于 2026-05-30 撤销。", $"Certificate {Number} was already revoked on 2026-05-30."), refusal.Reason);
    }

    [Fact]
    public void The_first_revocations_date_is_its_utc_date_as_stored()
    {
        // 2026-05-30 23:30 UTC is 2026-05-31 07:30 in Beijing; the message has always shown the stored (UTC) date.
        var refusal = Refused(Issued(revokedAt: new DateTimeOffset(2026, 5, 30, 23, 30, 0, TimeSpan.Zero)));

        Assert.Contains("2026-05-30", refusal.Reason.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_refusal_maps_to_the_problem_the_handler_answered_before_plus_its_rule_and_clause()
    {
        var first = new DateTimeOffset(2026, 5, 30, 8, 0, 0, TimeSpan.Zero);
        var notFound = Refused(null, Revoke("X-1")).ToProblem().ProblemDetails;
        var twice = Refused(Issued(first)).ToProblem().ProblemDetails;

        AssertSame(Problems.NotFound(new("没有编号为 X-1 的证书。", "No certificate X-1.")), notFound);
        Assert.Empty(notFound.Extensions);
        AssertSame(Problems.Conflict(new($"证书 {Number} 已于 2026-05-30 撤销。", $"Certificate {Number} was already revoked on 2026-05-30.")), twice);
        Assert.Equal("certificate-already-revoked", twice.Extensions["rule"]);
        Assert.Equal("四(三)3", twice.Extensions["clause"]);
    }

    private static void AssertSame(IResult before, Microsoft.AspNetCore.Mvc.ProblemDetails actual)
    {
        var expected = Assert.IsType<ProblemHttpResult>(before).ProblemDetails;
        Assert.Equal((expected.Status, expected.Title, expected.Type, expected.Detail), (actual.Status, actual.Title, actual.Type, actual.Detail));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\u3000\t\n")]
    public void A_missing_or_blank_reason_is_a_field_error(string? reason)
    {
        Assert.Equal(["请填写撤销理由（500 字以内）。 / reason is required (at most 500 characters)."],
            CertificateRevocation.Validate(reason)["reason"].Select(message => message.ToString()));
    }

    [Fact]
    public void A_reason_of_500_characters_is_accepted_and_501_is_not()
    {
        Assert.Empty(CertificateRevocation.Validate(new string('撤', 500)));
        Assert.Equal(["reason"], CertificateRevocation.Validate(new string('撤', 501)).Keys);
    }

    [Fact]
    public void The_length_limit_counts_the_reason_as_sent_before_trimming()
    {
        // 500 characters of text with a space either side is 502 as sent: refused, although 500 would be recorded.
        Assert.NotEmpty(CertificateRevocation.Validate(" " + new string('撤', 500) + " "));
    }
}
