using System.Text.Json;
using TitleReview.Domain.Cycles;

namespace TitleReview.Testing;

/// <summary>A second committee's 2023 cycle, loaded as data (Cycles:Directory) the way every deployment adds one.</summary>
public static class OtherCommittee
{
    public const string Cycle = "test-other-engineering-2023";

    /// <summary>
    /// The other committee's cycle as a file in a directory of its own: the shared Intake starts with it as its
    /// <c>Cycles:Directory</c> (SystemFixture), as a service of another deployment would.
    /// </summary>
    public static string WriteDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("cycles-");
        var xishan = ReviewCycleCatalogue.Shipped.Get(ReviewCycleCatalogue.Xishan2023);
        var other = xishan with { Id = Cycle, CommitteeId = "test-other-engineering", CommitteeName = "测试用另一工程技术评审委员会", CommitteeCode = "TEST" };
        File.WriteAllText(Path.Combine(directory.FullName, "other.json"), JsonSerializer.Serialize(other, TestJson.Web));
        return directory.FullName;
    }
}
