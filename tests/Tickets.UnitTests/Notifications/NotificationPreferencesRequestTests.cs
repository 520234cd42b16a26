using System.Text.Json;
using Tickets.Common;
using Tickets.Users;

namespace Tickets.UnitTests.Notifications;

public sealed class NotificationPreferencesRequestTests
{
    private static UpdateProfileRequest Parse(string json) => JsonSerializer.Deserialize<UpdateProfileRequest>(json, Json.Options)!;

    private static string[] Fields(UpdateProfileRequest request, bool staff = true) =>
        [.. request.Validate(staff).ToDictionary().Keys];

    [Theory]
    [InlineData("""{"notificationMode":"weekly"}""", "notificationMode")]
    [InlineData("""{"digestHour":24}""", "digestHour")]
    [InlineData("""{"digestHour":-1}""", "digestHour")]
    [InlineData("""{"quietHours":{"from":"25:00","to":"07:00"}}""", "quietHours.from")]
    [InlineData("""{"quietHours":{"from":"22:00"}}""", "quietHours.to")]
    [InlineData("""{"quietHours":{"from":"22:00","to":"22:00"}}""", "quietHours")]
    public void ABadSettingIsRefusedNamingItsField(string json, string field) =>
        Assert.Equal([field], Fields(Parse(json)));

    [Fact]
    public void ARequesterCannotChooseTheDigest() =>
        Assert.Equal(["notificationMode"], Fields(Parse("""{"notificationMode":"digest"}"""), staff: false));

    [Fact]
    public void SettingsAreAppliedAndQuietHoursMayWrapMidnight()
    {
        var request = Parse("""{"notificationMode":"digest","digestHour":17,"quietHours":{"from":"22:00","to":"07:30"}}""");
        Assert.Empty(Fields(request));

        var user = request.ApplyTo(Someone(), DateTimeOffset.UnixEpoch);

        Assert.Equal((NotificationMode.Digest, 17, new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 30))), (user.NotificationMode, user.DigestHour, user.QuietHours));
    }

    [Fact]
    public void QuietHoursAbsentStayAndNullTurnsThemOff()
    {
        var quiet = Someone() with { QuietHours = new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0)) };

        Assert.Equal(quiet.QuietHours, Parse("""{"language":"en"}""").ApplyTo(quiet, DateTimeOffset.UnixEpoch).QuietHours);
        Assert.Null(Parse("""{"quietHours":null}""").ApplyTo(quiet, DateTimeOffset.UnixEpoch).QuietHours);
    }

    private static User Someone() => new()
    {
        Id = "p", Email = "p@example.org", Dni = "12345678Z", Phone = "600000000", FirstNames = "P", LastNames = "Q", Department = "Soporte",
        Role = Role.Technician, Active = true, PasswordHash = "x", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
    };
}
