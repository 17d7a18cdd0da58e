using System.Net;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Privacy;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.PersonalData;

/// <summary>The nightly retention job on a clock the test moves: files, consent scans and ended workers go on their day, not before.</summary>
public sealed class RetentionShould(ClockedAppFixture app) : IClassFixture<ClockedAppFixture>
{
    private const string Slug = "sukoharjo";

    [Fact]
    public async Task RemoveFilesScansAndEndedWorkersOnTheRightDay()
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync($"/t/{Slug}", $"admin.{Slug}");
        var saved = await admin.PostFormAsync($"/t/{Slug}/retensi", new Dictionary<string, string>
        {
            ["ConsentEvidenceMonths"] = "12", ["EndedSponsorshipMonths"] = "24", ["ImportedFileDays"] = "30",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var ended = await new MoneySeed(app).SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        var live = await new MoneySeed(app).SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        var (endedWorker, liveWorker, importId) = await app.InTenantAsync(Slug, async (db, _) =>
        {
            var now = app.Clock.GetUtcNow();
            await db.Sponsorships.Where(s => s.Id == ended.Sponsorships[0]).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SponsorshipStatus.Ended).SetProperty(s => s.EndedAt, now));
            var import = new WorkerImport { Id = Guid.CreateVersion7(), FileName = "desa.xlsx", File = [1, 2, 3], UploadedBy = "uji", UploadedAt = now, Status = WorkerImportStatus.Committed };
            db.WorkerImports.Add(import);
            await db.SaveChangesAsync();
            return (await WorkerOfAsync(db, ended.Sponsorships[0]), await WorkerOfAsync(db, live.Sponsorships[0]), import.Id);
        });

        var day29 = await AfterAsync(TimeSpan.FromDays(29), importId, endedWorker, liveWorker);
        var day31 = await AfterAsync(TimeSpan.FromDays(2), importId, endedWorker, liveWorker);
        var month11 = await AfterAsync(TimeSpan.FromDays(300), importId, endedWorker, liveWorker);
        var month13 = await AfterAsync(TimeSpan.FromDays(70), importId, endedWorker, liveWorker);
        var month23 = await AfterAsync(TimeSpan.FromDays(300), importId, endedWorker, liveWorker);
        var month25 = await AfterAsync(TimeSpan.FromDays(70), importId, endedWorker, liveWorker);

        Assert.Equal((3, true, true, true), day29);
        Assert.Equal((0, true, true, true), day31);
        Assert.Equal((0, true, true, true), month11);
        Assert.Equal((0, false, true, true), month13);
        Assert.Equal((0, false, true, true), month23);
        Assert.Equal((0, false, false, true), month25);
        // The live worker keeps everything, and the anonymised one keeps what proves payments: its sponsorship and dues.
        var kept = await app.InTenantAsync(Slug, (db, _) => db.Sponsorships.CountAsync(s => s.WorkerId == endedWorker));
        Assert.Equal(1, kept);
        var later = app.CreateBrowserlessClient();
        await later.SignInOrFailAsync($"/t/{Slug}", $"admin.{Slug}");
        var download = await later.GetAsync($"/t/{Slug}/pekerja/impor?handler=File&id={importId}");
        Assert.Equal(HttpStatusCode.Gone, download.StatusCode);
        Assert.Contains("masa simpannya habis", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseAPeriodOutsideItsRangeInWords()
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync($"/t/{Slug}", $"admin.{Slug}");

        var response = await admin.PostFormAsync($"/t/{Slug}/retensi", new Dictionary<string, string>
        {
            ["ConsentEvidenceMonths"] = "0", ["EndedSponsorshipMonths"] = "24", ["ImportedFileDays"] = "30",
        });

        Assert.Contains("1 sampai 240 bulan", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteTheRecordOfProcessingFromTheRegencysOwnSettings()
    {
        const string slug = "garut";
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync($"/t/{slug}", $"admin.{slug}");
        var before = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/catatan-pemrosesan"));

        var badEmail = await admin.PostFormAsync($"/t/{slug}/retensi", new Dictionary<string, string>
        {
            ["DpoName"] = "Rina Marlina, S.H.", ["DpoEmail"] = "rina(at)garut", ["ConsentEvidenceMonths"] = "36", ["EndedSponsorshipMonths"] = "48", ["ImportedFileDays"] = "45",
        });
        await admin.PostFormAsync($"/t/{slug}/retensi", new Dictionary<string, string>
        {
            ["DpoName"] = "Rina Marlina, S.H.", ["DpoEmail"] = "ppdp@garutkab.go.id", ["DpoPhone"] = "081311112222",
            ["ConsentEvidenceMonths"] = "36", ["EndedSponsorshipMonths"] = "48", ["ImportedFileDays"] = "45",
        });
        var after = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/catatan-pemrosesan"));

        Assert.Contains("belum ditunjuk", before, StringComparison.Ordinal);
        Assert.Contains($"{PrivacySettings.DefaultImportedFileDays} hari sesudah diunggah", before, StringComparison.Ordinal);
        Assert.Contains("tidak dapat dibaca sebagai alamat e-mail", WebUtility.HtmlDecode(await badEmail.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Rina Marlina, S.H., ppdp@garutkab.go.id", after, StringComparison.Ordinal);
        Assert.Contains("BPJS Ketenagakerjaan", after, StringComparison.Ordinal);
        Assert.Contains("36 bulan sesudah perlindungan terakhir berakhir", after, StringComparison.Ordinal);
        Assert.Contains("48 bulan sesudah perlindungan terakhir berakhir", after, StringComparison.Ordinal);
        Assert.Contains("45 hari sesudah diunggah", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterABreachWithItsClockAndBothWrittenNotices()
    {
        const string slug = "pasuruan";
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync($"/t/{slug}", $"admin.{slug}");
        var discovered = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow().AddHours(-60), TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta"));
        var description = $"Berkas daftar pekerja terkirim ke alamat yang salah {Guid.NewGuid():N}"[..60];

        var recorded = await admin.PostFormAsync($"/t/{slug}/pelanggaran-data", new Dictionary<string, string>
        {
            ["Input.DiscoveredAt"] = discovered.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture), ["Input.Affected"] = "120",
            ["Input.Description"] = description, ["Input.DataCategories"] = "NIK, nama, nomor HP", ["Input.Measures"] = "Penerima diminta menghapus berkas.",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var breach = await app.InTenantAsync(slug, (db, _) => db.Breaches.AsNoTracking().SingleAsync(b => b.Description == description));
        var list = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/pelanggaran-data"));
        var people = await PdfText.ExtractAsync(await admin.GetByteArrayAsync($"/t/{slug}/pelanggaran-data?handler=Notice&id={breach.Id}&authority=false"));
        var authority = await PdfText.ExtractAsync(await admin.GetByteArrayAsync($"/t/{slug}/pelanggaran-data?handler=Notice&id={breach.Id}&authority=true"));

        Assert.Equal(TimeSpan.FromHours(72), breach.DueAt - breach.DiscoveredAt);
        Assert.Contains("Segera, sisa 1", list, StringComparison.Ordinal);
        Assert.Contains("Kepada Yth. Bapak/Ibu pemilik data", people, StringComparison.Ordinal);
        Assert.DoesNotContain("120 orang", people, StringComparison.Ordinal);
        Assert.Contains("Lembaga Penyelenggara Pelindungan Data Pribadi", authority, StringComparison.Ordinal);
        Assert.Contains("120 orang", authority, StringComparison.Ordinal);
        Assert.Contains("NIK, nama, nomor HP", authority, StringComparison.Ordinal);
    }

    private static Task<Guid> WorkerOfAsync(Web.Data.AppDbContext db, Guid sponsorship) =>
        db.Sponsorships.Where(s => s.Id == sponsorship).Select(s => s.WorkerId).SingleAsync();

    /// <summary>Moves the clock, runs the night's job, and reads: the file's size, whether the ended worker's scan and name remain, whether the live one's scan does.</summary>
    private async Task<(int File, bool EndedScan, bool EndedNamed, bool LiveScan)> AfterAsync(TimeSpan wait, Guid importId, Guid endedWorker, Guid liveWorker)
    {
        app.Clock.Advance(wait);
        return await app.InTenantAsync(Slug, async (db, sp) =>
        {
            await sp.GetRequiredService<RetentionJob>().RunAsync(new Tick(app.Clock.GetUtcNow()), new JobRun(Guid.NewGuid(), 1, 1, _ => Task.CompletedTask), CancellationToken.None);
            return (
                await db.WorkerImports.Where(i => i.Id == importId).Select(i => i.File.Length).SingleAsync(),
                await db.Consents.AnyAsync(c => c.WorkerId == endedWorker && c.Evidence.Length > 0),
                await db.Workers.AnyAsync(w => w.Id == endedWorker && w.FullName != Erased.Name),
                await db.Consents.AnyAsync(c => c.WorkerId == liveWorker && c.Evidence.Length > 0));
        });
    }
}
