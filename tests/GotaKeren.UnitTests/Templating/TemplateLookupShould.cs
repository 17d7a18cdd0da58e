using GotaKeren.Templating;

namespace GotaKeren.UnitTests.Templating;

public sealed class TemplateLookupShould : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("gotakeren-templates-").FullName;

    public TemplateLookupShould()
    {
        Write("templates/letterhead", "default kop");
        Write("templates/receipt", "default receipt {{ include 'letterhead' }}");
        Write("templates/award", "default award");
        Write("tenants/garut/templates/receipt", "garut receipt {{ include 'letterhead' }}");
        Write("tenants/garut/templates/letterhead", "garut kop");
    }

    [Fact]
    public async Task PreferTheTenantsStoredVersionThenItsFolderThenTheDefault()
    {
        var stored = new DelegateTemplateSource((name, _) => ValueTask.FromResult(name == "letterhead" ? "stored kop" : null));
        var lookup = TemplateLookup.ForTenant(root, "garut", stored);

        Assert.Equal(("stored kop", TemplateOrigin.Stored), await Find(lookup, "letterhead"));
        Assert.Equal(("garut receipt {{ include 'letterhead' }}", TemplateOrigin.TenantFolder), await Find(lookup, "receipt"));
        Assert.Equal(("default award", TemplateOrigin.Default), await Find(lookup, "award"));
        Assert.Null(await lookup.FindAsync("missing", default));
    }

    [Fact]
    public async Task ResolveIncludesThroughTheSameOrder()
    {
        var renderer = new TemplateRenderer();

        var garut = await renderer.RenderAsync("receipt", new { }, TemplateLookup.ForTenant(root, "garut"));
        var stored = await renderer.RenderAsync("receipt", new { }, TemplateLookup.ForTenant(
            root, "garut", new DelegateTemplateSource((name, _) => ValueTask.FromResult(name == "letterhead" ? "stored kop" : null))));
        var other = await renderer.RenderAsync("receipt", new { }, TemplateLookup.ForTenant(root, "kendal"));

        Assert.Equal("garut receipt garut kop", garut.EnsureSuccess());
        Assert.Equal("garut receipt stored kop", stored.EnsureSuccess());
        Assert.Equal("default receipt default kop", other.EnsureSuccess());
    }

    [Fact]
    public async Task IgnoreNamesThatLookLikePaths()
    {
        var lookup = TemplateLookup.ForTenant(root, "garut");

        Assert.Null(await lookup.FindAsync("../templates/award", default));
        Assert.Null(await lookup.FindAsync("/etc/passwd", default));
        Assert.Throws<ArgumentException>(() => TemplateLookup.ForTenant(root, "../garut"));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static async Task<(string, TemplateOrigin)?> Find(ITemplateSource source, string name) =>
        await source.FindAsync(name, default) is { } found ? (found.Content, found.Origin) : null;

    private void Write(string relative, string content)
    {
        var path = Path.Combine(root, relative + TemplateNames.Extension);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
