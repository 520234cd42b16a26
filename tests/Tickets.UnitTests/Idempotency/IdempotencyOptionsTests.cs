using Tickets.Common;
using Tickets.Idempotency;

namespace Tickets.UnitTests.Idempotency;

public sealed class IdempotencyOptionsTests
{
    [Fact]
    public void TheDefaultLeaseIsThirtySecondsAndValid()
    {
        var options = new IdempotencyOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.Lease);
        Assert.Empty(OptionsValidation.Failures(options, IdempotencyOptions.Section));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:10:01")]
    public void ALeaseOutsideOneSecondToTenMinutesIsRefusedNamingItsKey(string lease)
    {
        var failures = OptionsValidation.Failures(new IdempotencyOptions { Lease = TimeSpan.Parse(lease, System.Globalization.CultureInfo.InvariantCulture) }, IdempotencyOptions.Section);

        Assert.StartsWith("Tickets:Idempotency:Lease", Assert.Single(failures), StringComparison.Ordinal);
    }
}
