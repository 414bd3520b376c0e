using System.Net;
using System.Text;
using System.Text.Json;

namespace TitleReview.SystemTests;

/// <summary>Every endpoint built so far answers bad input with a 4xx problem+json in Chinese and English, and writes nothing.</summary>
[Collection(SystemCollection.Name)]
public sealed class BadInputTests(SystemFixture system)
{
    private static readonly string Unknown = Guid.NewGuid().ToString();

    public static TheoryData<string, string, string, string?, int> Requests() => new()
    {
        // service, method, path, body (null: none), expected status
        { "intake", "POST", "/api/applications", "{\"schemaVersion\":1,", 400 },
        { "intake", "POST", "/api/applications", "{}", 400 },
        { "intake", "POST", "/api/applications", "[1,2]", 400 },
        { "intake", "POST", "/api/applications", "{\"schemaVersion\":1,\"cycleId\":\"xishan-engineering-2023\",\"applicantName\":\"张三\",\"idNumber\":\"123\",\"employer\":\"x\",\"series\":\"工程技术\",\"specialty\":\"机械\",\"level\":\"Professor\"}", 400 },
        { "intake", "POST", "/api/applications", "{\"schemaVersion\":\"one\"}", 400 },
        { "intake", "POST", "/api/applications", "{\"schemaVersion\":1,\"cycleId\":\"xishan-engineering-2023\",\"applicantName\":\"张三\",\"idNumber\":\"320200199001011234\",\"employer\":\"x\",\"series\":\"工程技术\",\"specialty\":\"机械\",\"level\":\"Engineer\"}", 400 },
        { "intake", "POST", "/api/applications", "{\"schemaVersion\":1,\"cycleId\":\"xishan-engineering-2023\",\"applicantName\":\"张三\",\"idNumber\":\"320200199002301235\",\"employer\":\"x\",\"series\":\"工程技术\",\"specialty\":\"机械\",\"level\":\"Engineer\"}", 400 },
        { "intake", "POST", "/api/applications", "{\"schemaVersion\":1,\"cycleId\":\"xishan-engineering-2023\",\"applicantName\":\"张三\",\"idNumber\":\"320200199001011235\",\"employer\":\"x\",\"employerCreditCode\":\"91350100M000100Y44\",\"series\":\"工程技术\",\"specialty\":\"机械\",\"level\":\"Engineer\"}", 400 },
        { "intake", "GET", $"/api/applications/{Unknown}", null, 404 },
        { "intake", "GET", "/api/applications/not-a-guid", null, 404 },
        { "review", "POST", $"/api/review/applications/{Unknown}/final-approval", "{\"reviewerId\":\"r1\"}", 400 },
        { "review", "POST", $"/api/review/applications/{Unknown}/final-approval", "{\"reviewerId\":", 400 },
        { "review", "POST", $"/api/review/applications/{Unknown}/final-approval", "{}", 404 },
        { "review", "GET", "/api/review/queue?page=0", null, 400 },
        { "review", "GET", "/api/review/queue?from=2023-07-01&to=2023-06-01", null, 400 },
        { "review", "GET", "/api/review/queue?status=Sleeping", null, 400 },
        { "review", "POST", $"/api/review/applications/{Unknown}/claim", "{}", 404 },
        { "review", "POST", $"/api/review/applications/{Unknown}/revision", "{\"comments\":[]}", 400 },
        { "review", "POST", $"/api/review/applications/{Unknown}/revision", "{\"comments\":[{\"module\":\"基本信息\",\"comment\":\"\"}]}", 400 },
        { "review", "POST", $"/api/review/applications/{Unknown}/rejection", "{\"reason\":\" \"}", 400 },
        { "review", "POST", $"/api/review/applications/{Unknown}/rejection", "{\"reason\":\"材料不全\"}", 404 },
        { "intake", "POST", $"/api/applications/{Unknown}/resubmission", "{}", 400 },
        { "intake", "POST", $"/api/applications/{Unknown}/withdrawal", "{}", 400 },
        { "intake", "POST", $"/api/applications/{Unknown}/withdrawal", "{\"reason\":\"不报了\"}", 404 },
        { "intake", "POST", $"/api/applications/{Unknown}/resubmission", "{\"schemaVersion\":1,\"cycleId\":\"xishan-engineering-2023\",\"applicantName\":\"张三\",\"idNumber\":\"320200199001011235\",\"employer\":\"x\",\"series\":\"工程技术\",\"specialty\":\"机械\",\"level\":\"Engineer\"}", 404 },
        { "review", "GET", "/api/review/queue?pageSize=abc", null, 400 },
        { "review", "GET", $"/api/review/queue/{Unknown}", null, 404 },
        { "committee", "POST", "/api/committee/decisions", "{", 400 },
        { "committee", "POST", "/api/committee/meetings", "{}", 400 },
        { "committee", "POST", "/api/committee/meetings", "{\"meetingDate\":\"2099-01-01\",\"members\":[\"甲\"],\"present\":[\"甲\"]}", 400 },
        { "committee", "POST", "/api/committee/meetings", "{\"meetingDate\":\"2023-06-01\",\"members\":[\"甲\",\"甲\"],\"present\":[\"乙\"]}", 400 },
        { "committee", "GET", $"/api/committee/meetings/{Unknown}", null, 404 },
        { "committee", "GET", $"/api/committee/meetings/{Unknown}/minutes", null, 404 },
        { "committee", "POST", $"/api/committee/meetings/{Unknown}/votes", "{}", 404 },
        { "committee", "POST", "/api/committee/decisions", "{}", 400 },
        { "committee", "POST", "/api/committee/decisions", $"{{\"applicationId\":\"{Unknown}\",\"meetingDate\":\"2099-01-01\",\"membersTotal\":9,\"membersPresent\":7,\"votesFor\":6,\"votesAgainst\":1,\"abstentions\":0}}", 400 },
        { "committee", "POST", "/api/committee/decisions", $"{{\"applicationId\":\"{Unknown}\",\"meetingDate\":\"2023-06-01\",\"membersTotal\":9,\"membersPresent\":7,\"votesFor\":6,\"votesAgainst\":1,\"abstentions\":0}}", 404 },
        { "committee", "POST", "/api/committee/decisions", $"{{\"applicationId\":\"{Unknown}\",\"meetingDate\":\"2023-06-01\",\"membersTotal\":9,\"membersPresent\":7,\"votesFor\":9,\"votesAgainst\":1,\"abstentions\":0}}", 400 },
        { "publicity", "GET", "/api/working-days/end?start=2023-13-01&days=5", null, 400 },
        { "publicity", "GET", "/api/working-days/end?start=2023-06-01", null, 400 },
        { "publicity", "GET", "/api/working-days/end?start=2027-03-01&days=5", null, 422 },
        { "publicity", "GET", "/api/working-days/count?from=2023-06-10&to=2023-06-01", null, 400 },
        { "publicity", "GET", "/api/working-days/count?from=2022-12-01&to=2023-01-10", null, 422 },
        { "publicity", "POST", "/api/publicity/objections", "{", 400 },
        { "publicity", "POST", "/api/publicity/objections", "{}", 400 },
        { "publicity", "POST", "/api/publicity/objections", $"{{\"applicationId\":\"{Unknown}\",\"summary\":\"申报材料与实际情况不符。\",\"contactName\":\"匿名\",\"contact\":\"13800000000\"}}", 422 },
        { "publicity", "POST", $"/api/publicity/objections/{Unknown}/resolution", "{\"upheld\":false,\"reason\":\"查无实据\"}", 404 },
        { "publicity", "POST", $"/api/publicity/objections/{Unknown}/resolution", "{\"upheld\":false}", 400 },
        { "publicity", "GET", "/api/publicity/objections?status=maybe", null, 400 },
        { "publicity", "GET", "/api/publicity/notices?pageSize=1000", null, 400 },
        { "payment", "POST", "/api/payments/notifications", "{}", 401 },
        { "payment", "POST", "/api/payments", "not json", 400 },
        { "payment", "POST", "/api/payments", "{\"paymentReference\":\"XSGC2023-NOPE\",\"amount\":-1}", 400 },
        { "payment", "POST", "/api/payments", "{\"paymentReference\":\"XSGC2023-NOPE\",\"amount\":300.001}", 400 },
        { "payment", "POST", "/api/payments", "{\"paymentReference\":\"XSGC2023-NOPE\",\"amount\":300}", 404 },
        { "certificate", "GET", $"/api/certificates/by-application/{Unknown}", null, 404 },
        { "certificate", "GET", "/api/certificates/nothing-here", null, 404 },
        { "certificate", "GET", "/api/certificates/XSGC-2023-Z-99999/pdf", null, 404 },
        { "certificate", "GET", "/api/certificates/XSGC-2023-Z-99999/application-form", null, 404 },
        { "certificate", "GET", "/api/certificates/verification", null, 400 },
        { "certificate", "GET", "/api/certificates/verification?number=XSGC-2023-Z-00001", null, 400 },
        { "certificate", "GET", $"/api/certificates/verification?number={new string('9', 51)}&name=x", null, 400 },
        { "intake", "PUT", "/api/dev/clock", "{}", 400 },
        { "intake", "PUT", "/api/dev/clock", "{\"utcNow\":\"yesterday\"}", 400 },
        { "intake", "DELETE", "/api/applications", null, 405 },
        { "audit", "GET", $"/api/audit/applications/{Unknown}/events", null, 404 },
        { "audit", "GET", $"/api/audit/applications/{Unknown}/events/export?format=xls", null, 400 },
        { "audit", "GET", $"/api/audit/applications/{Unknown}/state?at=yesterday", null, 400 },
        { "audit", "GET", $"/api/audit/applications/{Unknown}/state?version=0", null, 400 },
        { "audit", "GET", $"/api/audit/applications/{Unknown}/state?version=2&at=2023-06-01T00:00:00Z", null, 400 },
        { "audit", "GET", $"/api/audit/applications/{Unknown}/state", null, 404 },
        { "audit", "GET", $"/api/audit/applications/{Unknown}/verification", null, 404 },
        { "audit", "GET", "/api/audit/applications?page=0", null, 400 },
        { "audit", "GET", "/api/audit/applications?from=2023-07-01&to=2023-06-01", null, 400 },
        { "audit", "GET", "/api/audit/applications?status=Sleeping", null, 400 },
        { "audit", "GET", "/api/audit/applications?idNumber=123", null, 400 },
        { "audit", "GET", $"/api/audit/verifications/{Unknown}", null, 404 },
        { "audit", "GET", $"/api/audit/verifications/{Unknown}/findings?pageSize=100000", null, 400 },
        { "audit", "GET", $"/api/audit/verifications/{Unknown}/findings/export?format=pdf", null, 400 },
        { "audit", "GET", "/api/audit/seals?page=-1", null, 400 },
        // Dates at the ends of the calendar and a page whose offset overflows an int (these were 500s).
        { "review", "GET", "/api/review/queue?from=0001-01-01", null, 400 },
        { "review", "GET", "/api/review/queue?to=9999-12-31", null, 400 },
        { "review", "GET", "/api/review/queue?from=0001-01-01&to=9999-12-31", null, 400 },
        { "review", "GET", "/api/review/queue?page=2147483647", null, 400 },
        { "review", "GET", "/review?from=0001-01-01", null, 400 },
        { "review", "GET", "/review?to=9999-12-31", null, 400 },
        { "review", "GET", "/review?page=2147483647", null, 400 },
        { "audit", "GET", "/api/audit/applications?from=0001-01-01", null, 400 },
        { "audit", "GET", "/api/audit/applications?to=9999-12-31", null, 400 },
        { "audit", "GET", "/api/audit/applications?page=2147483647", null, 400 },
        { "audit", "GET", "/audit?from=0001-01-01", null, 400 },
        { "audit", "GET", "/audit?to=9999-12-31", null, 400 },
        { "audit", "GET", "/audit?page=2147483647", null, 400 },
        { "audit", "GET", "/api/audit/seals?page=2147483647", null, 400 },
        { "audit", "GET", $"/api/audit/verifications/{Unknown}/findings?page=2147483647&pageSize=500", null, 400 },
        { "committee", "GET", "/api/committee/meetings?page=2147483647", null, 400 },
        { "publicity", "GET", "/api/publicity/notices?page=2147483647", null, 400 },
        { "publicity", "GET", "/api/publicity/objections?page=2147483647", null, 400 },
        { "payment", "GET", "/api/reconciliation/statements?page=2147483647", null, 400 },
        { "payment", "GET", "/finance?op=2147483647", null, 400 },
        { "payment", "GET", "/finance?sp=2147483647", null, 400 },
        { "payment", "GET", "/finance?pp=abc", null, 400 },
        { "payment", "GET", "/finance?lp=0", null, 400 },
        { "payment", "GET", "/finance?rp=-1", null, 400 },
        { "payment", "GET", "/finance?fp=1&fp=2", null, 400 },
        { "payment", "GET", "/finance?os=bogus", null, 400 },
        { "payment", "GET", "/finance?os=1", null, 400 },
        { "payment", "GET", "/finance?os=-", null, 400 },
        { "payment", "GET", $"/finance/reconciliation/{Unknown}?page=2147483647", null, 400 },
        { "payment", "POST", "/api/payments", "{\"paymentReference\":\"XSGC2023-NOPE\",\"amount\":300,\"paidAt\":\"0001-01-01T00:00:00+08:00\"}", 400 },
        { "payment", "POST", "/api/payments", "{\"paymentReference\":\"XSGC2023-NOPE\",\"amount\":300,\"paidAt\":\"9999-12-31T23:59:59+08:00\"}", 400 },
        { "intake-admin", "POST", "/api/integrity-register/imports", "{\"source\":\"诚信档案库\",\"records\":[{\"idNumber\":\"320200199001011235\",\"finding\":\"学术不端\",\"recordedOn\":\"9999-12-31\"}]}", 400 },
        { "intake-admin", "POST", "/api/integrity-register/imports", "{\"source\":\"诚信档案库\",\"records\":[{\"idNumber\":\"320200199001011235\",\"finding\":\"学术不端\",\"recordedOn\":\"0001-01-01\"}]}", 400 },
        { "intake-admin", "POST", "/api/refused-materials/imports", $"{{\"year\":9999,\"records\":[{{\"idNumber\":\"320200199001011235\",\"sha256\":[\"{new string('a', 64)}\"]}}]}}", 400 },
        { "intake-admin", "POST", "/api/refused-materials/imports", $"{{\"year\":1,\"records\":[{{\"idNumber\":\"320200199001011235\",\"sha256\":[\"{new string('a', 64)}\"]}}]}}", 400 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Bad_input_gets_a_bilingual_problem_and_writes_nothing(string service, string method, string path, string? body, int expected)
    {
        using var admin = system.NewIntakeClient().As(TitleReview.ServiceDefaults.Identity.Roles.Admin);
        var api = service switch
        {
            "intake" => system.IntakeApi,
            "intake-admin" => admin,
            "review" => system.ReviewApi,
            "committee" => system.CommitteeApi,
            "publicity" => system.PublicityApi,
            "payment" => system.PaymentApi,
            "audit" => system.AuditApi,
            _ => system.CertificateApi,
        };
        // Any event this request wrote would carry its correlation id, also one appended later by a consumer it set off.
        var correlation = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("X-Correlation-Id", correlation);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        // Every table, not only events: a refusal must not leave a document behind either (an attachment, an import row).
        var before = await LedgerRows.SettledAsync(system.Infrastructure.EventStore, stableReadings: 1);
        using var response = await api.SendAsync(request);
        var after = await LedgerRows.CountAsync(system.Infrastructure.EventStore);

        Assert.True(after.Total == before.Total, $"{method} {path} answered {(int)response.StatusCode} and wrote rows: {after.ChangesSince(before)}");
        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(expected, problem.GetProperty("status").GetInt32());
        var text = problem.GetProperty("title").GetString() + (problem.TryGetProperty("detail", out var detail) ? detail.GetString() : "");
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", text);
        Assert.Matches("[A-Za-z]{3,}", text);
        Assert.Equal(0, await system.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where correlation_id = @c", ("c", correlation)));
        if (service == "intake-admin")
        {
            // The imports' only 身份证 number here: nothing of it may have been kept.
            Assert.Equal(0, await system.Infrastructure.ScalarAsync(
                "select (select count(*) from intake.mt_doc_integrityrecord where id = '320200199001011235') + (select count(*) from intake.mt_doc_refusedmaterials where id like '%320200199001011235%')"));
        }
    }

    [Fact]
    public async Task A_submission_outside_the_window_is_refused_with_the_clause()
    {
        await system.SetBusinessTimeAsync(new DateTimeOffset(2023, 8, 1, 1, 0, 0, TimeSpan.Zero));
        try
        {
            var correlation = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications")
            {
                Content = new StringContent(JsonSerializer.Serialize(Journey.Application()), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Correlation-Id", correlation);
            using var response = await system.IntakeApi.SendAsync(request);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("二(二)", problem.GetProperty("clause").GetString());
            Assert.Contains("逾期不予受理", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, await system.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where correlation_id = @c", ("c", correlation)));
        }
        finally
        {
            // The shared system's clock goes back whatever the outcome, or every later test would run after the window.
            await system.SetBusinessTimeAsync(Journey.InsideWindow);
        }
    }
}
