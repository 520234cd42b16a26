using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tickets.Common;

/// <summary>
/// Settings are checked when a host starts, not when a request first needs them: a bad value stops start-up with a
/// message that names its configuration key (<c>Tickets:Login:MaxFailures: must be between 1 and 100</c>).
/// </summary>
public static class OptionsValidation
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and validates it at start-up: its data
    /// annotations, <see cref="IValidatableObject"/> rules and the <paramref name="rules"/> given here.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(
        this IServiceCollection services, IConfiguration configuration, string section, Func<TOptions, IEnumerable<(string Key, string Message)>>? rules = null)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new KeyedValidator<TOptions>(section, rules));
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>The failures of <paramref name="options"/>, each prefixed with its full configuration key.</summary>
    public static IReadOnlyList<string> Failures<TOptions>(TOptions options, string section, Func<TOptions, IEnumerable<(string Key, string Message)>>? rules = null)
        where TOptions : class
    {
        var results = new List<ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var failures = results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(member => Key(section, member) + ": " + r.ErrorMessage))
            .ToList();
        if (rules is not null) failures.AddRange(rules(options).Select(f => Key(section, f.Key) + ": " + f.Message));
        return failures;
    }

    private static string Key(string section, string member) => member.Length == 0 ? section : $"{section}:{member}";

    private sealed class KeyedValidator<TOptions>(string section, Func<TOptions, IEnumerable<(string Key, string Message)>>? rules) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options) =>
            Failures(options, section, rules) is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
