using Cronos;

namespace Tickets.DevHost.Triggers;

/// <summary>
/// An NCRONTAB schedule as the Functions timer trigger reads it: six fields with seconds first
/// (<c>0 */5 * * * *</c>) or the classic five, in the host's local time zone (UTC in Azure unless WEBSITE_TIME_ZONE says otherwise).
/// </summary>
internal sealed class TimerSchedule
{
    private readonly CronExpression _expression;
    private readonly TimeZoneInfo _zone;

    private TimerSchedule(string text, CronExpression expression, TimeZoneInfo zone)
    {
        Text = text;
        _expression = expression;
        _zone = zone;
    }

    public string Text { get; }

    public static TimerSchedule Parse(string functionName, string expression, TimeZoneInfo zone)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
        var format = fields switch
        {
            6 => CronFormat.IncludeSeconds,
            5 => CronFormat.Standard,
            _ => throw Invalid(functionName, expression, $"it has {fields} fields"),
        };
        try
        {
            return new TimerSchedule(expression, CronExpression.Parse(expression, format), zone);
        }
        catch (CronFormatException e)
        {
            throw Invalid(functionName, expression, e.Message);
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="from"/>; null when the expression never fires again.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset from) => _expression.GetNextOccurrence(from, _zone);

    private static InvalidOperationException Invalid(string functionName, string expression, string reason) =>
        new($"Function {functionName} has an invalid timer schedule '{expression}' ({reason}): use NCRONTAB with six fields " +
            "(second minute hour day month day-of-week, e.g. '0 */5 * * * *') or five (minute first).");
}
