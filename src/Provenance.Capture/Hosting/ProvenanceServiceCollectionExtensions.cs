using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provenance.Capture;

// In the namespace of the type it extends, as the framework's own AddXxx methods: found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Dependency-injection integration.</summary>
public static class ProvenanceServiceCollectionExtensions
{
    /// <summary>
    /// Registers provenance capture: options, and a singleton <see cref="ProvenanceCapture"/> that starts
    /// (binding the model to the code) when first resolved, writing records through the container's
    /// <see cref="ILoggerFactory"/>. Resolve it at start-up, e.g. with <see cref="StartProvenanceCapture"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddProvenanceCapture(this IServiceCollection services, Action<ProvenanceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ProvenanceOptions>().Configure(configure).Validate(
            options =>
            {
                options.Validate();
                return true;
            });
        services.AddSingleton(provider => ProvenanceCapture.Start(
            provider.GetRequiredService<IOptions<ProvenanceOptions>>().Value,
            provider.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    /// <summary>Starts the registered capture now, so model errors surface at start-up.</summary>
    /// <param name="provider">The built service provider.</param>
    /// <returns>The running capture (owned by the container).</returns>
    public static ProvenanceCapture StartProvenanceCapture(this IServiceProvider provider)
        => provider.GetRequiredService<ProvenanceCapture>();
}
