using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.ServiceDefaults.Identity;
using Xunit.Abstractions;

namespace TitleReview.Payment.IntegrationTests;

[Collection(PaymentCollection.Name)]
public sealed class ReconciliationTests(PaymentFixture payment, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Header = "交易流水号,缴款码,金额,交易时间,渠道";
    private readonly PaymentSteps steps = new(payment);
    private readonly HttpClient finance = payment.Client(Roles.Finance);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Whatever the outcome (issue #16 item 4: this test reset the clock only when it passed), the next test starts on the fixture's clock.</summary>
    public Task DisposeAsync()
    {
        payment.ResetBusinessTime();
        finance.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_statement_of_ten_thousand_lines_with_every_category_is_reconciled_once_and_exported_safely()
    {
        // One fee lapses first (its due date passes unpaid), then four more are assessed later in the window.
        var lapsed = await AssessedAsync("对账逾期", PaymentSteps.InsideWindow);
        payment.SetBusinessTime(new DateTimeOffset(2023, 6, 16, 2, 0, 0, TimeSpan.Zero));
        await steps.LapseJob.LapseOverdueAsync(CancellationToken.None);
        Assert.Contains("application_lapsed", await payment.Infrastructure.EventTypesAsync(lapsed.Id));
        Assert.Equal(1, await payment.Infrastructure.ScalarAsync("select count(*) from payment.mt_doc_feeaccount where id = @id and (data->>'Lapsed')::boolean", ("id", lapsed.Id)));
        var later = new DateTimeOffset(2023, 6, 16, 3, 0, 0, TimeSpan.Zero);
        var matched = await AssessedAsync("对账相符", later);
        var differs = await AssessedAsync("对账金额不符", later);
        var twice = await AssessedAsync("对账重复", later);
        var unpaid = await AssessedAsync("对账未缴", later);

        // 5,000 more fees, as finance's read model holds them, so the statement is mostly real matches.
        var store = payment.Host.Services.GetRequiredService<IDocumentStore>();
        var seeded = Enumerable.Range(0, 5_000).Select(i => new FeeAccount
        {
            Id = Guid.NewGuid(), PaymentReference = $"SEED{Guid.NewGuid():N}"[..24], Amount = 300.00m, DueDate = new DateOnly(2023, 6, 30),
        }).ToList();
        await store.BulkInsertDocumentsAsync(seeded);

        var csv = new StringBuilder(Header).Append('\n');
        var line = 0;
        void Add(string reference, decimal amount, string channel = "银联") =>
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"T{++line:D6},{reference},{amount:0.00},2023-06-16 10:{line % 60:D2}:00,{channel}\n");
        foreach (var account in seeded)
        {
            Add(account.PaymentReference, account.Amount);
        }

        Add(matched.Reference, matched.Amount, "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\"");
        Add(differs.Reference, differs.Amount - 50m);
        Add(twice.Reference, twice.Amount);
        Add(twice.Reference, twice.Amount);
        Add(lapsed.Reference, lapsed.Amount);
        while (line < 10_000)
        {
            Add($"UNKNOWN{line:D6}", 300m);
        }

        var clock = Stopwatch.StartNew();
        using var first = await UploadAsync(Encoding.UTF8.GetBytes(csv.ToString()), "statement-2023-06-16.csv");
        clock.Stop();
        output.WriteLine($"10,000-line statement reconciled in {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var report = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("report");
        var counts = report.GetProperty("counts");
        Assert.Equal(10_000, report.GetProperty("lineCount").GetInt32());
        // The seeded 5,000, the exact payment, and the first of the two payments of the same fee.
        Assert.Equal(5_002, counts.GetProperty("Matched").GetInt32());
        Assert.Equal(1, counts.GetProperty("AmountDiffers").GetInt32());
        Assert.Equal(1, counts.GetProperty("PaidTwice").GetInt32());
        Assert.Equal(1, counts.GetProperty("PaidAfterLapse").GetInt32());
        Assert.Equal(10_000 - 5_002 - 1 - 1 - 1, counts.GetProperty("UnknownReference").GetInt32());
        Assert.True(counts.GetProperty("AssessedUnpaid").GetInt32() >= 1);
        var id = report.GetProperty("id").GetString()!;
        var full = await finance.GetFromJsonAsync<JsonElement>($"/api/reconciliation/statements/{id}");
        Assert.Contains(full.GetProperty("outstanding").EnumerateArray(), o => o.GetProperty("paymentReference").GetString() == unpaid.Reference);

        // The same statement again changes nothing.
        var reportsBefore = await payment.Infrastructure.ScalarAsync("select count(*) from payment.mt_doc_reconciliationreport");
        using var again = await UploadAsync(Encoding.UTF8.GetBytes(csv.ToString()), "statement-again.csv");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(id, second.GetProperty("report").GetProperty("id").GetString());
        Assert.Equal(reportsBefore, await payment.Infrastructure.ScalarAsync("select count(*) from payment.mt_doc_reconciliationreport"));

        // A formula in a statement cell never reaches a spreadsheet as a formula.
        var exportedCsv = await finance.GetStringAsync($"/api/reconciliation/statements/{id}?format=csv");
        Assert.Contains("\"'=HYPERLINK(", exportedCsv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK(", exportedCsv, StringComparison.Ordinal);
        await using var xlsx = await finance.GetStreamAsync($"/api/reconciliation/statements/{id}?format=xlsx");
        using var buffer = new MemoryStream();
        await xlsx.CopyToAsync(buffer);
        buffer.Position = 0;
        var channels = buffer.Query(useHeaderRow: true).Select(row => (string?)((IDictionary<string, object?>)row)["渠道"]?.ToString()).ToList();
        Assert.Contains(channels, c => c is not null && c.StartsWith("'=HYPERLINK(", StringComparison.Ordinal));
        Assert.DoesNotContain(channels, c => c is not null && c.StartsWith('='));
    }

    [Fact]
    public async Task A_GB18030_statement_is_read()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030");
        var reference = $"GB{Guid.NewGuid():N}"[..22];
        using var response = await UploadAsync(gb18030.GetBytes($"{Header}\nG000001,{reference},300.00,2023-06-16 10:00:00,工商银行\n"), "gb.csv");

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("report").GetProperty("id").GetString();
        var report = await finance.GetFromJsonAsync<JsonElement>($"/api/reconciliation/statements/{id}");
        Assert.Equal("GB18030", report.GetProperty("encoding").GetString());
        Assert.Equal("工商银行", report.GetProperty("lines")[0].GetProperty("line").GetProperty("channel").GetString());
    }

    public static TheoryData<string, byte[], int> BadStatements() => new()
    {
        { "wrong columns", Encoding.UTF8.GetBytes("id,ref,money\n1,A,300\n"), 400 },
        { "broken encoding", [.. Encoding.UTF8.GetBytes(Header + "\nT1,"), 0xFF, 0xFF, 0xFF, 0x80, .. Encoding.UTF8.GetBytes(",300.00,2023-06-16 10:00:00,x\n")], 400 },
        { "a bad line among good ones", Encoding.UTF8.GetBytes($"{Header}\nT1,R{Guid.NewGuid():N},300.00,2023-06-16 10:00:00,x\nT2,R2,abc,2023-06-16 10:00:00,x\n"), 400 },
        { "empty", [], 400 },
        { "paid at the year 1", Encoding.UTF8.GetBytes($"{Header}\nT1,R{Guid.NewGuid():N},300.00,0001-01-01 00:00:00,x\n"), 400 },
        { "paid at the year 1 with an offset", Encoding.UTF8.GetBytes($"{Header}\nT1,R{Guid.NewGuid():N},300.00,0001-01-01T00:00:00+08:00,x\n"), 400 },
        { "paid at the end of 9999", Encoding.UTF8.GetBytes($"{Header}\nT1,R{Guid.NewGuid():N},300.00,9999-12-31 23:59:59,x\n"), 400 },
        { "paid at the end of 9999 behind UTC", Encoding.UTF8.GetBytes($"{Header}\nT1,R{Guid.NewGuid():N},300.00,9999-12-31T23:59:59-08:00,x\n"), 400 },
    };

    [Theory]
    [MemberData(nameof(BadStatements))]
    public async Task A_bad_statement_gets_a_clear_error_and_nothing_is_imported(string why, byte[] content, int expected)
    {
        var before = await payment.Infrastructure.ScalarAsync("select count(*) from payment.mt_doc_reconciliationreport");

        using var response = await UploadAsync(content, $"{why}.csv");

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await payment.Infrastructure.ScalarAsync("select count(*) from payment.mt_doc_reconciliationreport"));
    }

    [Fact]
    public async Task A_50_MB_statement_is_refused_as_too_large()
    {
        var content = new byte[50 * 1024 * 1024];
        Array.Fill(content, (byte)'1');

        // Over a real socket the server refuses before the body is sent, as a browser or the platform would see it:
        // "Expect: 100-continue" lets the client read that answer instead of writing 50 MB into a closed connection.
        using var response = await UploadAsync(content, "huge.csv", expectContinue: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Approved by Review at <paramref name="at"/> and assessed by Payment then; Payment's clock stays there.</summary>
    private Task<PaymentSteps.Fee> AssessedAsync(string name, DateTimeOffset at) => steps.AssessedAsync(name, at);

    private async Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName, bool expectContinue = false)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reconciliation/statements") { Content = form };
        request.Headers.ExpectContinue = expectContinue;
        return await finance.SendAsync(request);
    }
}
