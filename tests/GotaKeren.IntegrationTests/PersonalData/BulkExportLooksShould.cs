using System.Net;
using System.Text.Json;
using GotaKeren.Testing;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Privacy;

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
}
