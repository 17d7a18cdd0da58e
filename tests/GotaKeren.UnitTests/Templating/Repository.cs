namespace GotaKeren.UnitTests.Templating;

/// <summary>Finds the checkout's root (the folder with <c>templates/</c> and the solution) from the test binaries.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GotaKeren.sln")) && Directory.Exists(Path.Combine(dir.FullName, "templates")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }
}

/// <summary>A template source over an in-memory dictionary, for tests that need no files.</summary>
internal sealed class MemorySource(Dictionary<string, string> templates, GotaKeren.Templating.TemplateOrigin origin = GotaKeren.Templating.TemplateOrigin.Stored)
    : GotaKeren.Templating.ITemplateSource
{
    public ValueTask<GotaKeren.Templating.TemplateText?> FindAsync(string name, CancellationToken ct) =>
        ValueTask.FromResult(templates.TryGetValue(name, out var content)
            ? new GotaKeren.Templating.TemplateText(name, content, origin)
            : null);
}
