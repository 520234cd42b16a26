using System.Text.RegularExpressions;

namespace Tickets.Infra.Tests;

/// <summary>
/// The deploy workflow holds Azure credentials: it may run only for code on this repository's main. workflow_run fires
/// for every CI run, pull requests from forks included, so the job must check the triggering run's event and repository.
/// </summary>
public sealed partial class DeployWorkflowTests
{
    private static readonly string Workflow = File.ReadAllText(Path.Combine(Bicep.RepositoryRoot, ".github", "workflows", "deploy.yml"));

    /// <summary>The deploy job's <c>if:</c> condition, its folded lines joined.</summary>
    private static string JobCondition()
    {
        var match = JobIf().Match(Workflow);
        Assert.True(match.Success, "The deploy job has no if: condition.");
        return Regex.Replace(match.Groups["condition"].Value, @"\s+", " ");
    }

    [Theory]
    [InlineData("github.event.workflow_run.conclusion == 'success'")]
    [InlineData("github.event.workflow_run.event == 'push'")]
    [InlineData("github.event.workflow_run.head_branch == 'main'")]
    [InlineData("github.event.workflow_run.head_repository.full_name == github.repository")]
    [InlineData("github.event_name == 'workflow_dispatch' && github.ref == 'refs/heads/main'")]
    public void TheDeployJobRunsOnlyForThisRepositorysMain(string clause) => Assert.Contains(clause, JobCondition(), StringComparison.Ordinal);

    [Fact]
    public void TheDeployJobHasNoOtherWayIn() =>
        // Two alternatives, each fully guarded: a manual run from main, or a CI run of a push to this repository's main.
        Assert.Single(Regex.Matches(JobCondition(), @"\|\|"));

    [Fact]
    public void TheDeployJobRunsInAnEnvironment() =>
        Assert.Matches(@"(?m)^    environment: \$\{\{ inputs\.environment \|\| 'dev' \}\}$", Workflow);

    [Fact]
    public void TheWorkflowIsNotTriggeredByPullRequests() =>
        Assert.DoesNotMatch(@"(?m)^\s+pull_request(_target)?:", Workflow);

    [GeneratedRegex(@"(?ms)^  deploy:\s*\n(?:    #[^\n]*\n)*    if: >-\n(?<condition>(?:      [^\n]*\n)+)")]
    private static partial Regex JobIf();
}
