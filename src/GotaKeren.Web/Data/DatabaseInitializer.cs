using System.Text;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GotaKeren.Web.Data;

public sealed class DatabaseOptions
{
    /// <summary>Apply migrations, grants and row-level security at start-up (development, tests, single node).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>The application role's password when the app derives its connection from the owner's.</summary>
    public string AppPassword { get; set; } = "gotakeren_app";

    /// <summary>Where the self-managed cluster keeps its data when no connection string is configured.</summary>
    public string? DataDirectory { get; set; }
}

/// <summary>
/// Before the app serves: the schema, the platform roles, the regencies from tenants/, and in development the
/// demo accounts. Runs as a hosted service so the test host runs it exactly as production does.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    DatabaseConnections connections,
    IOptions<DatabaseOptions> databaseOptions,
    IOptions<TenancyOptions> tenancyOptions,
    IOptions<DemoOptions> demoOptions,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (databaseOptions.Value.MigrateOnStartup)
        {
            await DatabaseSetup.EnsureDatabaseExistsAsync(connections.Owner, cancellationToken);
            await DatabaseSetup.MigrateAsync(connections.Owner, databaseOptions.Value.AppPassword, cancellationToken);
        }

        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new AppRole(role));
            }
        }

        var directory = tenancyOptions.Value.Directory ?? TenantFileImporter.FindDirectory(environment.ContentRootPath);
        if (directory is null)
        {
            logger.LogWarning("No tenants/ directory found from {ContentRoot}: no regency imported.", environment.ContentRootPath);
            return;
        }

        scope.ServiceProvider.GetRequiredService<TenantContext>().SetPlatform();
        var tenants = await scope.ServiceProvider.GetRequiredService<TenantFileImporter>().ImportDirectoryAsync(directory, cancellationToken);
        logger.LogInformation("{Count} regencies imported from {Directory}", tenants.Count, directory);

        if (demoOptions.Value.Enabled)
        {
            var accounts = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().EnsureAsync(tenants, demoOptions.Value.Password, demoOptions.Value.RosterSize);
            var text = new StringBuilder("Akun demo (kata sandi: ").Append(demoOptions.Value.Password).AppendLine("):");
            foreach (var account in accounts)
            {
                text.Append("  ").Append(account.UserName.PadRight(26)).Append(Roles.Label(account.Role).PadRight(30)).AppendLine(account.Where);
            }

            logger.LogInformation("{DemoAccounts}", text.ToString());
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
