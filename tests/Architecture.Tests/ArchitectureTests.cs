using System.Reflection;

namespace TitleReview.Architecture.Tests;

/// <summary>
/// The house rules of issue #16 (README, "How the code is laid out"): contracts and the domain are pure, no service
/// reaches into another, only the EventStore project takes Marten and MassTransit. Each rule has a case on the real
/// code and a case that shows the same check catching a breach.
/// </summary>
public sealed class ArchitectureTests
{
    public static TheoryData<string> PureAssemblies => ["Contracts", "Domain"];

    private static Assembly Pure(string name) => name == "Contracts" ? Layers.Contracts : Layers.Domain;

    [Theory]
    [MemberData(nameof(PureAssemblies))]
    public void Contracts_and_the_domain_depend_on_no_infrastructure(string assembly)
    {
        Assert.Empty(DependencyRules.TypesDependingOn(Pure(assembly), Layers.Infrastructure));
    }

    [Fact]
    public void The_purity_check_finds_infrastructure_where_there_is_some()
    {
        // The event store's own registration is infrastructure through and through: the check must name it.
        var breaches = DependencyRules.TypesDependingOn(Layers.EventStore, Layers.Infrastructure);
        Assert.Contains(typeof(TitleReview.EventStore.EventStoreRegistration).FullName, breaches);
    }

    [Theory]
    [InlineData("Contracts")]
    [InlineData("Domain")]
    [InlineData("Web")]
    [InlineData("ServiceDefaults")]
    public void Only_the_event_store_project_uses_Marten_or_MassTransit(string assembly)
    {
        var under = assembly switch
        {
            "Contracts" => Layers.Contracts,
            "Domain" => Layers.Domain,
            "Web" => Layers.Web,
            _ => Layers.ServiceDefaults,
        };
        Assert.Empty(DependencyRules.TypesDependingOn(under, ["Marten", "JasperFx", "MassTransit"]));
        Assert.DoesNotContain(under.GetReferencedAssemblies(), reference => reference.Name is "Marten" or "MassTransit" or "JasperFx");
    }

    [Fact]
    public void Only_the_event_store_project_file_references_the_ledger_and_broker_packages()
    {
        var root = Layers.RepositoryRoot;
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != "EventStore.csproj")
            .Where(path => DependencyRules.LedgerPackagesIn(File.ReadAllText(path)).Count > 0)
            .Select(path => Path.GetRelativePath(root, path));
        Assert.Empty(offenders);
        Assert.NotEmpty(DependencyRules.LedgerPackagesIn(File.ReadAllText(Path.Combine(root, "src", "EventStore", "EventStore.csproj"))));
    }

    [Fact]
    public void The_package_check_finds_a_ledger_package_in_a_project_file()
    {
        const string breach = """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup><PackageReference Include="Polly" /><PackageReference Include="Marten" /></ItemGroup>
            </Project>
            """;
        Assert.Equal(["Marten"], DependencyRules.LedgerPackagesIn(breach));
    }

    public static TheoryData<string> ServiceNames => [.. Layers.Services.Keys];

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void No_service_references_another_service(string service)
    {
        Assert.Empty(DependencyRules.OtherServicesUsedBy(service, Layers.Services[service]));
    }

    [Fact]
    public void The_service_check_finds_an_assembly_that_uses_two_services()
    {
        // This test assembly uses Intake's and Review's types (Layers names them): seen as "a service", it breaks the rule.
        var breaches = DependencyRules.OtherServicesUsedBy("TitleReview.Payment", typeof(ArchitectureTests).Assembly);
        Assert.Contains("TitleReview.Intake", breaches);
        Assert.Contains("TitleReview.Review", breaches);
    }

    [Fact]
    public void The_shared_kernel_holds_no_domain_fold()
    {
        // The lifecycle fold and rule replays live in Domain; ServiceDefaults keeps hosting concerns only.
        Assert.DoesNotContain(Layers.ServiceDefaults.GetTypes(), type => type.Namespace?.Contains("Ledger", StringComparison.Ordinal) == true
            || type.Name is "ApplicationLifecycle" or "PublicityRuleCheck" or "ReviewCycle");
    }
}
