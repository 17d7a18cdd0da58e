using System.Net;
using System.Text;
using GotaKeren.Testing;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Protection;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests;

/// <summary>Kendal's admin fills the pool of waiting workers from village data, through the page.</summary>
public sealed class WorkerPoolImportShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Header = "NIK;Nama;Pekerjaan;Kode Desa";

    [Fact]
    public async Task PreviewThenSaveEveryWorkerAndSkipThemTheSecondTime()
    {
        var admin = await AdminAsync("kendal");
        var csv = $"{Header}\n3324014903850001;Sumiyati;petani;33.24.01.2001\n3324011205800002;Karyono;nelayan;33.24.01.2002\n";

        var preview = await UploadAsync(admin, "kendal", csv);
        Assert.Contains("Baru: 2 · Sudah terdaftar: 0 · Bermasalah: 0", preview.Html, StringComparison.Ordinal);
        Assert.False(await app.InTenantAsync("kendal", (db, _) => db.Workers.AnyAsync(w => w.FullName == "Sumiyati")));
        // Saving cannot be undone from the page: it asks first (wwwroot/js/confirm.js), naming the number.
        Assert.Contains("data-confirm-title=\"Simpan 2 pekerja?\"", WebUtility.HtmlDecode(preview.Html), StringComparison.Ordinal);

        var committed = await admin.PostFormAsync(preview.Path, new Dictionary<string, string>(), $"{preview.Path}&handler=Commit");
        Assert.Equal(HttpStatusCode.Redirect, committed.StatusCode);
        Assert.Contains("Tersimpan", await SettledAsync(admin, preview.Path), StringComparison.Ordinal);
        var saved = await app.InTenantAsync("kendal", (db, _) => db.Workers.AsNoTracking().Where(w => w.VillageCode.StartsWith("33.24.01.")).OrderBy(w => w.FullName).ToListAsync());
        Assert.Equal(["Karyono", "Sumiyati"], saved.Select(w => w.FullName).ToArray());
        Assert.All(saved, w => Assert.Equal(WorkerSource.Imported, w.Source));

        var again = await UploadAsync(admin, "kendal", csv);
        Assert.Contains("Baru: 0 · Sudah terdaftar: 2", again.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Simpan 0 pekerja", again.Html, StringComparison.Ordinal);

        // The original file can be downloaded again, and that is logged.
        var file = await admin.GetAsync($"{preview.Path}&handler=File");
        Assert.Contains("Sumiyati", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.InTenantAsync("kendal", (db, _) => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.PersonalDataExport && e.Detail!.Contains("data pekerja"))));
    }

    [Fact]
    public async Task SaveTheFileOnceWhenCommitIsClickedManyTimesAtOnce()
    {
        var admin = await AdminAsync("pasuruan");
        var csv = $"{Header}\n3514014903850001;Paralel Satu;petani;35.14.01.2001\n3514011205800002;Paralel Dua;nelayan;35.14.01.2002\n";
        var preview = await UploadAsync(admin, "pasuruan", csv);

        var clicks = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => admin.PostFormAsync(preview.Path, new Dictionary<string, string>(), $"{preview.Path}&handler=Commit")));

        Assert.Single(clicks, c => c.StatusCode == HttpStatusCode.Redirect);
        foreach (var other in clicks.Where(c => c.StatusCode != HttpStatusCode.Redirect))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            var html = await other.Content.ReadAsStringAsync();
            Assert.True(html.Contains("sedang disimpan", StringComparison.Ordinal) || html.Contains("sudah selesai", StringComparison.Ordinal), "a second click is told the import is being or was saved");
        }

        Assert.Contains("Tersimpan", await SettledAsync(admin, preview.Path), StringComparison.Ordinal);
        Assert.Equal(2, await app.InTenantAsync("pasuruan", (db, _) => db.Workers.CountAsync(w => w.FullName.StartsWith("Paralel"))));
        Assert.Equal(1, await app.InTenantAsync("pasuruan", (db, _) => db.BackgroundJobs.CountAsync(j => j.Kind == WorkerPoolCommitJob.Kind)));
    }

    [Fact]
    public async Task SaveNothingWhileOneRowIsWrong()
    {
        var admin = await AdminAsync("garut");
        var csv = $"{Header}\n3205014903850001;Benar;petani;32.05.01.1001\n3205011205800002;Salah Desa;petani;33.11.01.2001\n";

        var preview = await UploadAsync(admin, "garut", csv);

        Assert.Contains("Bermasalah: 1", preview.Html, StringComparison.Ordinal);
        Assert.Contains("bukan wilayah Kabupaten Garut", preview.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Commit", preview.Html, StringComparison.Ordinal);
        var forced = await admin.PostFormAsync(preview.Path, new Dictionary<string, string>(), $"{preview.Path}&handler=Commit");
        Assert.Contains("tidak ada data yang disimpan", await forced.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.InTenantAsync("garut", (db, _) => db.Workers.AnyAsync(w => w.FullName == "Benar")));

        var errors = await admin.GetAsync($"{preview.Path}&handler=Errors");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", errors.Content.Headers.ContentType!.MediaType);

        // Another regency's admin cannot open this import.
        var kendal = await AdminAsync("kendal");
        Assert.Equal(HttpStatusCode.NotFound, (await kendal.GetAsync(preview.Path.Replace("/t/garut/", "/t/kendal/", StringComparison.Ordinal) + "&handler=File")).StatusCode);
    }

    private async Task<HttpClient> AdminAsync(string slug)
    {
        var client = app.CreateBrowserlessClient();
        await client.SignInOrFailAsync($"/t/{slug}", $"admin.{slug}");
        return client;
    }

    private static async Task<(string Path, string Html)> UploadAsync(HttpClient client, string slug, string csv)
    {
        var page = await client.GetStringAsync($"/t/{slug}/pekerja/impor");
        var form = new MultipartFormDataContent
        {
            { new StringContent(FormPosts.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "data-desa.csv" },
        };
        var response = await client.PostAsync($"/t/{slug}/pekerja/impor", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var path = response.Headers.Location!.OriginalString;
        return (path, await SettledAsync(client, path));
    }

    /// <summary>The import page once its job is done (the page refreshes itself while it works).</summary>
    private static async Task<string> SettledAsync(HttpClient client, string path)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var html = await client.GetStringAsync(path);
            if (!html.Contains("data-testid=\"working\"", StringComparison.Ordinal) || DateTimeOffset.UtcNow > deadline)
            {
                return html;
            }

            await Task.Delay(100);
        }
    }
}
