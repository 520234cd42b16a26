namespace Tickets.DevHost.Triggers;

/// <summary>
/// The wait before the next poll, as the Functions queue listener computes it: the minimum after a poll that found
/// messages, otherwise roughly doubling (±20 % jitter, so several listeners drift apart) up to the maximum.
/// </summary>
internal sealed class PollingBackoff(TimeSpan minimum, TimeSpan maximum)
{
    private const int MaxExponent = 30;
    private int _exponent;

    public TimeSpan Next(bool foundMessages)
    {
        if (foundMessages)
        {
            _exponent = 0;
            return minimum;
        }

        _exponent = Math.Min(_exponent + 1, MaxExponent);
        var growth = minimum.Ticks * (Math.Pow(2, _exponent) - 1) * (0.8 + Random.Shared.NextDouble() * 0.4);
        var ticks = minimum.Ticks + growth;
        return ticks >= maximum.Ticks ? maximum : TimeSpan.FromTicks((long)ticks);
    }
}
