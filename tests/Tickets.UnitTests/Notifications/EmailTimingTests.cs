using Tickets.Notifications;
using Tickets.Users;

namespace Tickets.UnitTests.Notifications;

public sealed class EmailTimingTests
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly QuietHours Night = new(new TimeOnly(22, 0), new TimeOnly(7, 0));

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0, int second = 0) => new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    private static User Person(Role role = Role.Technician, NotificationMode mode = NotificationMode.Instant, int hour = 8, QuietHours? quiet = null) => new()
    {
        Id = "p", Email = "p@example.org", Dni = "12345678Z", Phone = "600000000", FirstNames = "P", LastNames = "Q", Department = "Soporte",
        Role = role, Active = true, PasswordHash = "x", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
        NotificationMode = mode, DigestHour = hour, QuietHours = quiet,
    };

    [Fact]
    public void TheDigestGoesAtTheChosenLocalHourLaterToday() =>
        Assert.Equal(Utc(12, 8, 7), EmailTiming.NextDigestAt(Utc(12, 8, 6, 30), 8, Madrid)); // 07:30 in Madrid (CET) → 08:00 CET

    [Fact]
    public void PastTheHourTheDigestWaitsForTomorrow() =>
        Assert.Equal(Utc(12, 9, 7), EmailTiming.NextDigestAt(Utc(12, 8, 7, 0, 1), 8, Madrid));

    [Fact]
    public void AtTheHourExactlyTheDigestGoesThen() =>
        Assert.Equal(Utc(12, 8, 7), EmailTiming.NextDigestAt(Utc(12, 8, 7), 8, Madrid));

    [Fact]
    public void TheDigestHourIsTheReadersOwn() =>
        Assert.Equal(Utc(12, 8, 13), EmailTiming.NextDigestAt(Utc(12, 8, 7, 30), 8, NewYork)); // 08:00 EST = 13:00 UTC

    [Fact]
    public void AcrossTheSpringChangeTheDigestStaysAtTheLocalHour() =>
        // 28 March 09:00 CET; the clocks go forward that night, so the next 08:00 is CEST: 06:00 UTC, 23 hours later.
        Assert.Equal(Utc(3, 29, 6), EmailTiming.NextDigestAt(Utc(3, 28, 8), 8, Madrid));

    [Fact]
    public void AnHourSkippedByTheSpringChangeMeansTheEndOfTheGap() =>
        // 29 March in Madrid, 02:00 does not exist (02:00 CET → 03:00 CEST): the digest goes at 03:00 CEST = 01:00 UTC.
        Assert.Equal(Utc(3, 29, 1), EmailTiming.NextDigestAt(Utc(3, 29, 0), 2, Madrid));

    [Fact]
    public void AnHourTheAutumnChangeRepeatsMeansItsFirstTime() =>
        // 25 October in Madrid, 02:00 happens twice (CEST, then CET): the first, 00:00 UTC.
        Assert.Equal(Utc(10, 25, 0), EmailTiming.NextDigestAt(Utc(10, 24, 23), 2, Madrid));

    [Fact]
    public void AcrossTheAutumnChangeTheDigestStaysAtTheLocalHour() =>
        Assert.Equal(Utc(10, 25, 7), EmailTiming.NextDigestAt(Utc(10, 24, 7), 8, Madrid)); // 08:00 CEST on the 24th was 06:00 UTC; on the 25th 08:00 CET

    [Theory]
    [InlineData(22, 30, 12, 9, 6)] // late evening: the window wraps midnight and ends tomorrow at 07:00 CET
    [InlineData(22, 0, 12, 9, 6)] // its first minute is quiet
    [InlineData(5, 0, 12, 8, 6)] // early morning: it ends today
    public void InsideQuietHoursAnEmailWaitsForTheirEnd(int localHour, int localMinute, int month, int day, int utcHour)
    {
        var at = new DateTimeOffset(2026, 12, 8, localHour, localMinute, 0, TimeSpan.FromHours(1));
        Assert.Equal(Utc(month, day, utcHour), EmailTiming.AfterQuietHours(at, Night, Madrid));
    }

    [Theory]
    [InlineData(7, 0)] // the end is not quiet
    [InlineData(12, 0)]
    [InlineData(21, 59)]
    public void OutsideQuietHoursAnEmailIsNotMoved(int localHour, int localMinute)
    {
        var at = new DateTimeOffset(2026, 12, 8, localHour, localMinute, 0, TimeSpan.FromHours(1));
        Assert.Equal(at, EmailTiming.AfterQuietHours(at, Night, Madrid));
    }

    [Fact]
    public void QuietHoursThatDoNotWrapEndTheSameDay() =>
        Assert.Equal(Utc(12, 8, 13), EmailTiming.AfterQuietHours(Utc(12, 8, 12, 15), new QuietHours(new TimeOnly(13, 0), new TimeOnly(14, 0)), Madrid));

    [Fact]
    public void QuietHoursEndingInTheSpringGapEndAsLateAfterItAsTheGapIsLong() =>
        // Quiet until 02:30 on the night 02:00–03:00 is skipped: moved forward by the gap, 03:30 CEST = 01:30 UTC.
        Assert.Equal(Utc(3, 29, 1, 30), EmailTiming.AfterQuietHours(Utc(3, 29, 0, 30), new QuietHours(new TimeOnly(1, 0), new TimeOnly(2, 30)), Madrid));

    [Fact]
    public void AnInstantEmailIsDueAtTheEndOfTheCoalescingWindow() =>
        Assert.Equal(Utc(12, 8, 12, 1), EmailTiming.DueAt(Person(), Utc(12, 8, 12), TimeSpan.FromMinutes(1), Madrid));

    [Fact]
    public void ADigestEmailIsDueAtTheNextDigestHour() =>
        Assert.Equal(Utc(12, 9, 16), EmailTiming.DueAt(Person(mode: NotificationMode.Digest, hour: 17), Utc(12, 8, 16, 30), TimeSpan.FromMinutes(1), Madrid));

    [Fact]
    public void ARequesterIsToldAtOnceWhateverModeTheirAccountHolds() =>
        Assert.Equal(Utc(12, 8, 12, 1), EmailTiming.DueAt(Person(Role.User, NotificationMode.Digest), Utc(12, 8, 12), TimeSpan.FromMinutes(1), Madrid));

    [Fact]
    public void ADigestHourInsideQuietHoursWaitsForTheirEnd() =>
        Assert.Equal(Utc(12, 9, 6), EmailTiming.DueAt(Person(mode: NotificationMode.Digest, hour: 23, quiet: Night), Utc(12, 8, 12), TimeSpan.Zero, Madrid));

    [Fact]
    public void AnInstantEmailDueInsideQuietHoursWaitsForTheirEnd() =>
        Assert.Equal(Utc(12, 9, 6), EmailTiming.DueAt(Person(quiet: Night), Utc(12, 8, 21, 59, 30), TimeSpan.FromMinutes(1), Madrid)); // due 23:00:30 CET
}
