using System.Net;
using GotaKeren.Testing;
using GotaKeren.Web.Documents;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests;

public sealed class TemplateEditorShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ShowASyntaxErrorWithItsLineAndColumnAndRefuseToSaveIt()
    {
        // A regency of the test's own: its stored templates are only what this test saved.
        var regency = await Parallel.OwnRegency.NewAsync(app, "pasuruan");
        var admin = await regency.BrowserAsync($"admin.{regency.Slug}", Web.Identity.Roles.RegencyAdmin);

        var response = await admin.PostFormAsync($"/t/{regency.Slug}/dokumen/ubah/sponsor-certificate",
            new Dictionary<string, string> { ["Content"] = "<p>Halo</p>\n<p>{{ if }}</p>" }, $"/t/{regency.Slug}/dokumen/ubah/sponsor-certificate?handler=Save");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Template belum dapat dipakai", html, StringComparison.Ordinal);
        Assert.Contains("Baris 2, kolom", html, StringComparison.Ordinal);
        Assert.Equal(0, await regency.InAsync((db, _) => db.StoredTemplates.CountAsync()));
    }

    [Fact]
    public async Task UseARegencysSavedTemplateForItsDocumentsOnly()
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/kendal", "admin.kendal");
        var original = WebUtility.HtmlDecode(await admin.GetStringAsync("/t/kendal/dokumen/ubah/circular-letter"));
        var start = original.IndexOf("spellcheck=\"false\">", StringComparison.Ordinal) + "spellcheck=\"false\">".Length;
        var content = original[start..original.IndexOf("</textarea>", start, StringComparison.Ordinal)];
        var edited = content.Replace("NOMOR {{ letter_number }}", "NOMOR {{ letter_number }} TELAH DISUNTING KENDAL", StringComparison.Ordinal);
        Assert.NotEqual(content, edited);

        var saved = await admin.PostFormAsync("/t/kendal/dokumen/ubah/circular-letter", new Dictionary<string, string> { ["Content"] = edited }, "/t/kendal/dokumen/ubah/circular-letter?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Versi kabupaten (disunting)", await admin.GetStringAsync("/t/kendal/dokumen"), StringComparison.Ordinal);
        var stored = await app.InTenantAsync("kendal", (db, _) => db.StoredTemplates.SingleAsync());
        Assert.Equal(1, stored.Version);
        Assert.Equal("admin.kendal", stored.CreatedBy);

        var kendal = await PdfTextAsync("kendal");
        var garut = await PdfTextAsync("garut");
        Assert.Contains("TELAH DISUNTING KENDAL", kendal, StringComparison.Ordinal);
        Assert.DoesNotContain("TELAH DISUNTING", garut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepTheEditorFromTheRegent()
    {
        var regent = app.CreateBrowserlessClient();
        await regent.SignInOrFailAsync("/t/garut", "bupati.garut");

        var response = await regent.GetAsync("/t/garut/dokumen");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/t/garut/akses-ditolak", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task<string> PdfTextAsync(string slug)
    {
        var regent = app.CreateBrowserlessClient();
        await regent.SignInOrFailAsync($"/t/{slug}", $"bupati.{slug}");
        return await PdfText.ExtractAsync(await regent.GetByteArrayAsync($"/t/{slug}/aturan/versi/1?handler=Pdf"));
    }
}
