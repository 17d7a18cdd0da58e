using System.Net;
using System.Text;
using GotaKeren.Testing;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace GotaKeren.IntegrationTests;

public sealed class OpdUnitsShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ImportUnitsWithTheirParentsFromACsvFile()
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/kendal", "admin.kendal");
        var csv = "Nama Unit Kerja;Induk;Kepala\nUPT Puskesmas Boja;Dinas Kesehatan;dr. Ani\nDinas Kesehatan;;dr. Budi\n";

        var response = await PostFileAsync(admin, "/t/kendal/opd", Encoding.UTF8.GetBytes(csv), "opd.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var units = await app.InTenantAsync("kendal", (db, _) => db.OpdUnits.Include(o => o.Parent).ToListAsync());
        Assert.Equal("Dinas Kesehatan", units.Single(u => u.Name == "UPT Puskesmas Boja").Parent!.Name);
        Assert.Equal("dr. Budi", units.Single(u => u.Name == "Dinas Kesehatan").HeadName);
    }

    [Fact]
    public async Task RefuseAWholeXlsxFileWhenOneRowIsWrong()
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/garut", "admin.garut");
        using var xlsx = new MemoryStream();
        await xlsx.SaveAsAsync(new[]
        {
            new Dictionary<string, object?> { ["Nama Unit Kerja"] = "Dinas Sosial", ["Induk"] = null },
            new Dictionary<string, object?> { ["Nama Unit Kerja"] = "UPT Panti", ["Induk"] = "Dinas Tidak Ada" },
            new Dictionary<string, object?> { ["Nama Unit Kerja"] = "dinas  sosial", ["Induk"] = null },
        });

        var response = await PostFileAsync(admin, "/t/garut/opd", xlsx.ToArray(), "opd.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("2 baris bermasalah; tidak ada unit kerja yang disimpan.", html, StringComparison.Ordinal);
        Assert.Contains("Baris 3, kolom Induk 'Dinas Tidak Ada': Unit induk 'Dinas Tidak Ada' tidak ada", html, StringComparison.Ordinal);
        Assert.Contains("Baris 4, kolom Nama Unit Kerja 'dinas  sosial': Unit kerja ini sudah ada di baris 2.", html, StringComparison.Ordinal);
        Assert.False(await app.InTenantAsync("garut", (db, _) => db.OpdUnits.AnyAsync()));
    }

    [Fact]
    public async Task DeactivateAUnitInsteadOfDeletingIt()
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/sukoharjo", "admin.sukoharjo");
        await admin.PostFormAsync("/t/sukoharjo/opd", new Dictionary<string, string> { ["Input.Name"] = "Dinas Perhubungan", ["Input.HeadName"] = "Ir. Catur" }, "/t/sukoharjo/opd?handler=Create");
        var duplicate = await admin.PostFormAsync("/t/sukoharjo/opd", new Dictionary<string, string> { ["Input.Name"] = " dinas perhubungan " }, "/t/sukoharjo/opd?handler=Create");
        Assert.Contains("sudah ada", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var id = await app.InTenantAsync("sukoharjo", (db, _) => db.OpdUnits.Where(o => o.Name == "Dinas Perhubungan").Select(o => o.Id).SingleAsync());

        var edited = await admin.PostFormAsync($"/t/sukoharjo/opd/detail/{id}", new Dictionary<string, string> { ["Input.Name"] = "Dinas Perhubungan dan Perparkiran", ["Input.HeadName"] = "Ir. Catur, M.T." }, $"/t/sukoharjo/opd/detail/{id}?handler=Edit");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var selfParent = await admin.PostFormAsync($"/t/sukoharjo/opd/detail/{id}", new Dictionary<string, string> { ["Input.Name"] = "Dinas Perhubungan dan Perparkiran", ["Input.ParentId"] = id.ToString() }, $"/t/sukoharjo/opd/detail/{id}?handler=Edit");
        Assert.Contains("tidak dapat menjadi induk dirinya sendiri", WebUtility.HtmlDecode(await selfParent.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        await admin.PostFormAsync("/t/sukoharjo/opd", new Dictionary<string, string>(), $"/t/sukoharjo/opd?handler=Toggle&id={id}");
        Assert.Equal("Ir. Catur, M.T.", await app.InTenantAsync("sukoharjo", (db, _) => db.OpdUnits.Where(o => o.Id == id).Select(o => o.HeadName).SingleAsync()));

        Assert.False(await app.InTenantAsync("sukoharjo", (db, _) => db.OpdUnits.Where(o => o.Id == id).Select(o => o.Active).SingleAsync()));
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string page, byte[] content, string fileName)
    {
        var token = FormPosts.AntiforgeryToken(await client.GetStringAsync(page));
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(content), "file", fileName },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        return await client.PostAsync($"{page}?handler=Import", form);
    }
}
