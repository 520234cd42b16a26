using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;

namespace Tickets.Infra.Tests;

/// <summary>Every timer's <c>%setting%</c> schedule is an app setting of the Function App, or the host cannot index it.</summary>
public sealed partial class TimerScheduleTests
{
    [Fact]
    public void EveryTimerScheduleSettingIsAnAppSetting()
    {
        var settings = TimerSettings().ToList();
        var bicep = File.ReadAllText(Path.Combine(Bicep.InfraDirectory, "main.bicep"));

        Assert.NotEmpty(settings);
        Assert.All(settings, setting => Assert.Contains(setting.Replace(":", "__", StringComparison.Ordinal) + ":", bicep, StringComparison.Ordinal));
    }

    private static IEnumerable<string> TimerSettings() =>
        from type in typeof(global::Tickets.Functions.FunctionsComposition).Assembly.GetTypes()
        from method in type.GetMethods()
        from parameter in method.GetParameters()
        let trigger = parameter.GetCustomAttribute<TimerTriggerAttribute>()
        where trigger is not null
        let match = Setting().Match(trigger.Schedule)
        where match.Success
        select match.Groups[1].Value;

    [GeneratedRegex("^%(.+)%$")]
    private static partial Regex Setting();
}
