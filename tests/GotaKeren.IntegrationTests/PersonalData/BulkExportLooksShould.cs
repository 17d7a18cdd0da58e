using System.Net;
using System.Text;
using System.Text.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Privacy;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Roster;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.PersonalData;

/// <summary>A list handed out is a look at everyone on it: each person's look log and access export name it.</summary>
public sealed class BulkExportLooksShould(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly OfficerDesk desk = new(app);

    [Fact]
    public async Task ShowAnExportOfManyInTheLogOfEachPersonItHeldAndOfNoOneElse()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var workers = await desk.WorkersAsync(slug, 2);
        var (subject, other) = (workers[0], workers[1]);
        var admin = await desk.AdminAsync(slug);

        // One worker by name: the file holds them and not the other.
        var listed = await OfficerDesk.NiksInAsync(admin, $"/t/{slug}/pekerja?handler=Xlsx&q={Uri.EscapeDataString(subject.Name)}");
        // The BPJS registration batch holds both.
        await OfficerDesk.NiksInAsync(admin, $"/t/{slug}/bpjs?handler=Registration");

        Assert.Equal([subject.Nik], listed);
        var subjectLog = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/jejak-akses?orang={subject.WorkerId}"));
        var otherLog = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/jejak-akses?orang={other.WorkerId}"));
        Assert.Contains("daftar pekerja (XLSX): 1 pekerja", subjectLog, StringComparison.Ordinal);
        Assert.Contains("Daftar pendaftaran BPJS: 2 pekerja", subjectLog, StringComparison.Ordinal);
        Assert.DoesNotContain("daftar pekerja (XLSX)", otherLog, StringComparison.Ordinal);
        Assert.Contains("Daftar pendaftaran BPJS: 2 pekerja", otherLog, StringComparison.Ordinal);
        // The per-user view still reads the export once.
        var userLog = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/jejak-akses?pengguna=admin.{slug}"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(userLog, "Daftar pendaftaran BPJS: 2 pekerja"));

        var request = await desk.RecordAsync(admin, slug, LookSubjects.Worker, subject.Nik, DataRequestKind.Access, subject.WorkerId);
        var looks = JsonDocument.Parse(await admin.GetStringAsync($"/t/{slug}/permintaan-data/{request}?handler=Json")).RootElement.GetProperty("looks");

        var details = looks.EnumerateArray().Select(l => l.GetProperty("detail").GetString() ?? "").ToList();
        Assert.Contains(details, d => d.StartsWith("daftar pekerja (XLSX): 1 pekerja", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("Daftar pendaftaran BPJS: 2 pekerja", StringComparison.Ordinal));
        Assert.All(looks.EnumerateArray().Where(l => l.GetProperty("detail").GetString()!.StartsWith("Daftar", StringComparison.Ordinal)),
            l => Assert.Equal(AuditActions.Label(AuditActions.PersonalDataExport), l.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task ShowAUnitsDeductionListInTheLogOfItsAsnAndOfEveryWorkerItNamesAndOfNoOneInAnotherUnit()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var money = new MoneySeed(app);
        var month = MoneySeed.ThisMonth;
        var mine = await money.SeedAsync(slug, 2, PaymentChannel.SalaryDeduction, activeFrom: month);
        var theirs = await money.SeedAsync(slug, 1, PaymentChannel.SalaryDeduction, activeFrom: month);
        await money.RunAsync(slug, month);
        await app.InTenantAsync(slug, (_, sp) => sp.GetRequiredService<DeductionLists>().IssueAsync(month, null, "uji", CancellationToken.None));
        var (named, notNamed) = await app.InTenantAsync(slug, async (db, _) => (
            await db.Sponsorships.Where(s => mine.Sponsorships.Contains(s.Id)).Select(s => s.WorkerId).ToListAsync(),
            await db.Sponsorships.Where(s => theirs.Sponsorships.Contains(s.Id)).Select(s => s.WorkerId).SingleAsync()));
        var admin = await desk.AdminAsync(slug);

        var download = await admin.GetAsync($"/t/{slug}/potongan?handler=Xlsx&bulan={MonthlyRun.MonthText(month)}&opd={mine.OpdId}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        foreach (var person in named.Append(mine.AsnId))
        {
            Assert.Contains("daftar potongan", await LogAsync(admin, slug, person), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("daftar potongan", await LogAsync(admin, slug, notNamed), StringComparison.Ordinal);
        Assert.DoesNotContain("daftar potongan", await LogAsync(admin, slug, theirs.AsnId), StringComparison.Ordinal);
        var details = await AccessExportLooksAsync(admin, slug, named[0]);
        Assert.Contains(details, d => d.StartsWith("daftar potongan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShowAnImportedFilesDownloadInTheLogOfEachPersonTheFileNamesAndOfNoOneElse()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var workers = await desk.WorkersAsync(slug, 2);
        var (subject, other) = (workers[0], workers[1]);
        var nip = "198001012010011" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (poolFile, rosterFile) = ($"desa-{Guid.NewGuid():N}.csv"[..20] + ".csv", $"roster-{Guid.NewGuid():N}"[..20] + ".csv");
        var (bpjsFile, bpjsImport) = ($"kpj-{Guid.NewGuid():N}"[..20] + ".csv", Guid.CreateVersion7());
        var (poolImport, rosterImport) = await app.InTenantAsync(slug, async (db, _) =>
        {
            await db.Asn.Where(a => a.Id == subject.AsnId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Nip, nip));
            var unit = await db.Asn.Where(a => a.Id == subject.AsnId).Select(a => new { a.Name, Unit = a.Opd!.Name }).SingleAsync();
            var pool = new WorkerImport
            {
                Id = Guid.CreateVersion7(), FileName = poolFile, UploadedBy = "uji", UploadedAt = DateTimeOffset.UtcNow, Status = WorkerImportStatus.Committed,
                File = Encoding.UTF8.GetBytes($"NIK;Nama;Pekerjaan;Kode Desa\n{subject.Nik};{subject.Name};petani;{subject.VillageCode}\n"),
            };
            var roster = new RosterImport
            {
                Id = Guid.CreateVersion7(), FileName = rosterFile, UploadedBy = "uji", UploadedAt = DateTimeOffset.UtcNow, Status = RosterImportStatus.Committed, FullRoster = false,
                File = Encoding.UTF8.GetBytes($"NIP;Nama;Unit Kerja;Jabatan;Golongan;Eselon;Status;NIK;E-mail;No. HP\n{nip};{unit.Name};{unit.Unit};Staf;III/a;;PNS;;;\n"),
            };
            db.WorkerImports.Add(pool);
            db.RosterImports.Add(roster);
            db.BpjsFiles.Add(new Web.Bpjs.BpjsFile
            {
                Id = bpjsImport, Kind = Web.Bpjs.BpjsFileKind.Kpj, FileName = bpjsFile, FileHash = Guid.NewGuid().ToString("N"), UploadedBy = "uji", UploadedAt = DateTimeOffset.UtcNow, Rows = 1,
                File = Encoding.UTF8.GetBytes($"NIK;No KPJ;Tanggal\n{subject.Nik};12345678901;15/12/2026\n"),
            });
            await db.SaveChangesAsync();
            return (pool.Id, roster.Id);
        });
        var admin = await desk.AdminAsync(slug);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/t/{slug}/pekerja/impor?handler=File&id={poolImport}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/t/{slug}/roster/impor/{rosterImport}?handler=File")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/t/{slug}/bpjs?handler=File&id={bpjsImport}")).StatusCode);

        Assert.Contains($"berkas data pekerja {poolFile}", await LogAsync(admin, slug, subject.WorkerId), StringComparison.Ordinal);
        Assert.DoesNotContain(poolFile, await LogAsync(admin, slug, other.WorkerId), StringComparison.Ordinal);
        Assert.Contains($"berkas roster {rosterFile}", await LogAsync(admin, slug, subject.AsnId), StringComparison.Ordinal);
        Assert.DoesNotContain(rosterFile, await LogAsync(admin, slug, subject.WorkerId), StringComparison.Ordinal);
        Assert.Contains($"Berkas BPJS {bpjsFile}", await LogAsync(admin, slug, subject.WorkerId), StringComparison.Ordinal);
        Assert.DoesNotContain(bpjsFile, await LogAsync(admin, slug, other.WorkerId), StringComparison.Ordinal);
        Assert.Contains(await AccessExportLooksAsync(admin, slug, subject.WorkerId), d => d == $"berkas data pekerja {poolFile}");
        Assert.DoesNotContain(await AccessExportLooksAsync(admin, slug, other.WorkerId), d => d.Contains(poolFile, StringComparison.Ordinal));
    }

    private static async Task<string> LogAsync(HttpClient admin, string slug, Guid person) =>
        WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/jejak-akses?orang={person}"));

    /// <summary>The "looks" of the person's access export (JSON), through an access request recorded for them.</summary>
    private async Task<List<string>> AccessExportLooksAsync(HttpClient admin, string slug, Guid worker)
    {
        var nik = await app.InTenantAsync(slug, (db, _) => db.Workers.Where(w => w.Id == worker).Select(w => w.Nik).SingleAsync());
        var request = await desk.RecordAsync(admin, slug, LookSubjects.Worker, nik, DataRequestKind.Access, worker);
        var looks = JsonDocument.Parse(await admin.GetStringAsync($"/t/{slug}/permintaan-data/{request}?handler=Json")).RootElement.GetProperty("looks");
        return [.. looks.EnumerateArray().Select(l => l.GetProperty("detail").GetString() ?? "")];
    }
}
