using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.Contracts;
using TitleReview.Testing;

namespace TitleReview.Certificate.IntegrationTests;

/// <summary>A certificate only for a pass with publicity completed and fee paid, by the ledger; numbers gapless under load.</summary>
[Collection(CertificateLedgerCollection.Name)]
public sealed class CertificateIssueTests(CertificateLedgerFixture ledger)
{
    public static TheoryData<string, int> Missing() => new()
    {
        // what the ledger lacks, and the index of the clean history's event left out
        { "committee pass", 7 },
        { "publicity completed", 6 },
        { "fee paid", 5 },
    };

    [Theory]
    [MemberData(nameof(Missing))]
    public async Task No_certificate_when_the_ledger_lacks_a_step_whatever_the_message_says(string missing, int leftOut)
    {
        var id = await ledger.Forger.AppendAsync(id => CleanHistory.Build(id).Take(8).Where((_, i) => i != leftOut));

        await ledger.DecideAsync(id, passed: true);

        Assert.True(await ledger.CertificatesOfAsync(id) == 0, $"a certificate was issued without {missing}");
    }

    [Fact]
    public async Task A_pass_with_publicity_completed_and_fee_paid_gets_a_certificate_once()
    {
        var id = await ledger.Forger.AppendAsync(id => CleanHistory.Build(id).Take(8));

        await ledger.DecideAsync(id);
        await ledger.DecideAsync(id);

        Assert.Equal(1, await ledger.CertificatesOfAsync(id));
    }

    [Fact]
    public async Task Numbers_are_unique_and_gapless_when_many_are_issued_at_once()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await ledger.Forger.AppendAsync(id => CleanHistory.Build(id, level: TitleLevel.AssistantEngineer).Take(8)));
        }

        await Task.WhenAll(ids.Select(id => ledger.DecideAsync(id)));

        using var client = ledger.Client(ServiceDefaults.Identity.Roles.CommitteeSecretary);
        var numbers = new List<string>();
        foreach (var id in ids)
        {
            var certificate = await client.GetFromJsonAsync<JsonElement>($"/api/certificates/by-application/{id}");
            numbers.Add(certificate.GetProperty("number").GetString()!);
        }

        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.StartsWith("XSGC-2023-C-", n, StringComparison.Ordinal));
        // Every 初级 number ever issued on this ledger runs 1..N without a hole.
        var issued = await ledger.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where type = 'certificate_issued' and data->>'CertificateNumber' like 'XSGC-2023-C-%'");
        var highest = await ledger.Infrastructure.ScalarAsync("select max(substring(data->>'CertificateNumber' from 13)::int) from ledger.mt_events where type = 'certificate_issued' and data->>'CertificateNumber' like 'XSGC-2023-C-%'");
        var distinct = await ledger.Infrastructure.ScalarAsync("select count(distinct data->>'CertificateNumber') from ledger.mt_events where type = 'certificate_issued' and data->>'CertificateNumber' like 'XSGC-2023-C-%'");
        Assert.Equal(issued, highest);
        Assert.Equal(issued, distinct);
    }
}
