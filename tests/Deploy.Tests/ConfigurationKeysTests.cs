using Microsoft.CodeAnalysis.CSharp;

namespace TitleReview.Deploy.Tests;

/// <summary>The set of keys the services read is derived from their code, so it follows the code.</summary>
public class ConfigurationKeysTests
{
    [Fact]
    public void Keys_read_directly_bound_to_options_and_in_appsettings_are_found_in_the_services_source()
    {
        var keys = ConfigurationKeys.FromSource(Repository.Root);
        Assert.True(keys.IsRead("ConnectionStrings:eventstore"));
        Assert.True(keys.IsRead("ConnectionStrings:messaging"));
        Assert.True(keys.IsRead("Payment:Platform:SigningSecret"));
        Assert.True(keys.IsRead("Auth:Clients:3:Roles:0"));
        Assert.True(keys.IsRead("auth:oidc:clientsecret"));
        Assert.True(keys.IsRead("Payment:Fees:Cycles:jiangsu-2027:Engineer"));
        Assert.False(keys.IsRead("Auth:Clients:x:Roles:0"));
        Assert.False(keys.IsRead("Payment:Platform:Secret"));
        Assert.False(keys.IsRead("ConnectionStrings:ledger"));
    }

    [Fact]
    public void Each_program_reads_its_own_project_and_what_it_references_not_the_others()
    {
        var gateway = ConfigurationKeys.ForDeployable(Repository.GatewayName)!;
        Assert.True(gateway.IsRead("Gateway:Services:review"));
        Assert.True(gateway.IsRead("Gateway:Signing:PrivateKeyPem"));
        Assert.True(gateway.IsRead("ConnectionStrings:eventstore"));
        Assert.True(gateway.IsRead("DataProtection:Certificate:Path"));
        Assert.True(gateway.IsRead("Auth:Oidc:ClientSecret"));
        Assert.True(gateway.IsRead("Auth:Users:0:PasswordHash"));
        Assert.False(gateway.IsRead("ConnectionStrings:messaging"));
        Assert.False(gateway.IsRead("Review:IntakeApiKey"));

        var review = ConfigurationKeys.ForDeployable("review")!;
        Assert.True(review.IsRead("Auth:Gateway:PublicKeyPem"));
        Assert.True(review.IsRead("ConnectionStrings:messaging"));
        Assert.True(review.IsRead("Review:IntakeApiKey"));
        Assert.False(review.IsRead("Gateway:Services:review"));
        Assert.False(review.IsRead("Payment:Platform:SigningSecret"));

        Assert.Null(ConfigurationKeys.ForDeployable("identityprovider"));
    }

    [Fact]
    public void The_derivation_follows_constants_interpolations_and_options_classes()
    {
        const string source = """
            public static class Names { public const string Root = "Shop"; }
            public sealed class BasketOptions
            {
                public const string Section = Names.Root + ":Basket";
                public int Limit { get; set; }
                public List<Line> Lines { get; set; } = [];
                public Dictionary<string, decimal> Prices { get; set; } = [];
                public int Computed => Limit * 2;
                public static string Ignored { get; set; } = "";
            }
            public sealed class Line { public string Sku { get; set; } = ""; }
            public static class Registration
            {
                private const string Direct = "Shop:Direct";
                public static void Add(Builder builder)
                {
                    builder.Services.Configure<BasketOptions>(builder.Configuration.GetSection(BasketOptions.Section));
                    var a = builder.Configuration[Direct];
                    var b = builder.Configuration.GetValue($"{Names.Root}:Limit", 5);
                    var c = builder.Configuration.GetConnectionString("orders");
                    var d = something["Not:Configuration"];
                    var e = builder.Configuration[$"{Names.Root}:Regions:{region.Name}"];
                    var f = builder.Configuration[$"{prefix}:Anything"];
                    var g = builder.Configuration[$"Shop:Partial{suffix}"];
                }
            }
            """;
        var keys = ConfigurationKeys.FromSyntax([CSharpSyntaxTree.ParseText(source)], ["""{ "Shop": { "Title": "x", "//": "comment" } }"""]);

        Assert.True(keys.IsRead("Shop:Basket:Limit"));
        Assert.True(keys.IsRead("Shop:Basket:Lines:0:Sku"));
        Assert.True(keys.IsRead("Shop:Basket:Prices:tea"));
        Assert.True(keys.IsRead("Shop:Direct"));
        Assert.True(keys.IsRead("Shop:Limit"));
        Assert.True(keys.IsRead("ConnectionStrings:orders"));
        Assert.True(keys.IsRead("Shop:Title"));
        Assert.False(keys.IsRead("Shop:Basket:Computed"));
        Assert.False(keys.IsRead("Shop:Basket:Ignored"));
        Assert.False(keys.IsRead("Shop:Basket:Lines:first:Sku"));
        Assert.False(keys.IsRead("Not:Configuration"));
        Assert.False(keys.IsRead("Shop://"));
        Assert.True(keys.IsRead("Shop:Regions:north"));
        Assert.False(keys.IsRead("Shop:Regions:north:Depot"));
        Assert.False(keys.IsRead("Anything"));
        Assert.False(keys.IsRead("Whatever:Anything"));
        Assert.False(keys.IsRead("Shop:PartialX"));
    }
}
