using System.Diagnostics;
using GotaKeren.Templating;

namespace GotaKeren.UnitTests.Templating;

public sealed class SandboxShould
{
    private static readonly TemplateRenderer Renderer = new();
    private static readonly MemorySource Partials = new(new() { ["letterhead"] = "<header>{{ title }}</header>" });

    [Fact]
    public async Task StopAnEndlessLoopAtTheLoopLimit()
    {
        var watch = Stopwatch.StartNew();
        var result = await Render("{{ while true; end }}");

        var error = Assert.Single(result.Errors);
        Assert.Contains("Perulangan melebihi batas 10000 putaran", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < Renderer.Options.Timeout, $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task StopAnEndlessLoopAtTheTimeLimit()
    {
        var unlimitedLoops = new TemplateRenderer(new TemplateSandboxOptions { LoopLimit = 0, Timeout = TimeSpan.FromMilliseconds(500) });
        var watch = Stopwatch.StartNew();

        var result = await unlimitedLoops.RenderTextAsync("doc", "<p>\n{{ while true; end }}", new { }, Partials);

        var error = Assert.Single(result.Errors);
        Assert.Contains("melebihi batas waktu 0,5 detik", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task StopRunawayRecursion()
    {
        var result = await Render("{{ func f; f; end; f }}");

        Assert.Contains("melebihi batas 64 tingkat", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ include '/etc/passwd' }}")]
    [InlineData("{{ include '../../../../etc/passwd' }}")]
    [InlineData("{{ name = '/etc/passwd'; include name }}")]
    public async Task RefuseToReadFilesThroughInclude(string template)
    {
        var result = await Render(template);

        Assert.Null(result.Html);
        Assert.Contains("tidak sah", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseAnIncludeWhoseNameIsComputed()
    {
        var result = await Render("{{ name = 'letter' + 'head'; include name }}");

        Assert.Contains("tulis nama template secara langsung", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportAMissingPartialWhereItIsIncluded()
    {
        var result = await Render("<p>Halo</p>\n  {{ include 'footer' }}");

        Assert.Equal(new TemplateError(2, 6, "Template `footer` tidak ditemukan.", "doc"), Assert.Single(result.Errors));
    }

    [Fact]
    public async Task IncludePartialsAsMarkupButEscapeModelText()
    {
        var result = await Render("{{ include 'letterhead' }}<p>{{ name }}</p>", new { Title = "Kop & <b>", Name = "<script>alert(1)</script>" });

        Assert.Equal("<header>Kop &amp; &lt;b&gt;</header><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", result.EnsureSuccess());
    }

    [Fact]
    public async Task ShowNoDotNetMembersOfValues()
    {
        var result = await Render(
            "[{{ day.year }}][{{ x = date.now; x.year }}][{{ name.length }}]", new { Day = new DateOnly(2026, 11, 22), Name = "abc" });

        Assert.Equal("[][][]", result.EnsureSuccess());
    }

    [Fact]
    public async Task TreatBlankTextAsAbsent()
    {
        var result = await Render("{{ if phone }}Telp. {{ phone }}{{ else }}-{{ end }}", new { Phone = " " });

        Assert.Equal("-", result.EnsureSuccess());
    }

    [Fact]
    public async Task RefuseToImportAnythingButTemplateObjects()
    {
        var result = await Render("{{ import day }}", new { Day = new DateOnly(2026, 11, 22) });

        Assert.Contains("import", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportSyntaxErrorsWithLineAndColumn()
    {
        var result = await Render("<p>Halo</p>\n<p>{{ 1 + }}</p>");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 11, "doc"), (error.Line, error.Column, error.Template));
        Assert.StartsWith("Diharapkan sebuah nilai di sebelah kanan operator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportAnUnclosedBlockInIndonesian()
    {
        var result = await Render("{{ if name }}\n<p>Halo</p>", new { Name = "x" });

        Assert.Contains(result.Errors, e => e.Message.StartsWith("Penutup `end` tidak ditemukan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportSyntaxErrorsInsideAPartialUnderItsName()
    {
        var partials = new MemorySource(new() { ["letterhead"] = "ok\n\n{{ for }}" });

        var result = await Renderer.RenderTextAsync("doc", "{{ include 'letterhead' }}", new { }, partials);

        Assert.Contains(result.Errors, e => e is { Template: "letterhead", Line: 3 });
    }

    [Fact]
    public async Task ReportAnUnknownVariableWithItsPosition()
    {
        var result = await Render("<p>{{ nomer_surat }}</p>", new { NomorSurat = "1" });

        Assert.Equal(new TemplateError(1, 7, "Variabel atau fungsi `nomer_surat` tidak dikenal. Periksa ejaan namanya.", "doc"), Assert.Single(result.Errors));
    }

    [Fact]
    public async Task ThrowTheErrorsWhenAskedToEnsureSuccess()
    {
        var result = await Render("{{ 1 + }}");

        var error = Assert.Throws<TemplateRenderException>(() => result.EnsureSuccess());
        Assert.StartsWith("Dokumen gagal dibuat: doc: baris 1, kolom 8", error.Message, StringComparison.Ordinal);
    }

    private static Task<RenderResult> Render(string template, object? model = null) =>
        Renderer.RenderTextAsync("doc", template, model ?? new { }, Partials);
}
