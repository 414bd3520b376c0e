namespace TitleReview.Deploy.Tests;

public class KustomizeTests
{
    [Fact]
    public void Without_kubectl_the_render_says_what_is_missing()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-kubectl-{Guid.NewGuid():N}");
        var failure = Assert.Throws<InvalidOperationException>(() => Kustomize.Render(Repository.PathOf("deploy", "kubernetes", "overlays", "staging"), missing));
        Assert.Contains("kubectl is needed to render deploy/kubernetes and was not found", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kustomization_that_does_not_render_fails_with_kubectl_s_message()
    {
        var directory = Directory.CreateTempSubdirectory("broken-kustomization");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "kustomization.yaml"), "resources:\n  - missing.yaml\n");
            var failure = Assert.Throws<InvalidOperationException>(() => Kustomize.Render(directory.FullName));
            Assert.Contains("missing.yaml", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
