using Microsoft.Extensions.Options;

namespace Tickets.Sla;

/// <summary>Stops start-up on invalid <c>Tickets:Sla</c> settings, naming every bad key.</summary>
internal sealed class SlaOptionsValidator : IValidateOptions<SlaOptions>
{
    public ValidateOptionsResult Validate(string? name, SlaOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
