using System.Net;
using GotaKeren.Testing;
using GotaKeren.Web.Audit;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests;

/// <summary>The admin's lists of workers and ASN: for the admin only, bad filters told in words, exports logged.</summary>
public sealed class AdminListsShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/t/kendal/pekerja?status=semuanya", "Status 'semuanya' tidak dikenal")]
    [InlineData("/t/kendal/pekerja?kecamatan=35.14.01", "Kecamatan '35.14.01' tidak ada di Kabupaten Kendal")]
    [InlineData("/t/kendal/pekerja?q=33240149", "Pencarian NIK memerlukan 16 angka")]
    [InlineData("/t/kendal/pekerja?pekerjaan=astronot&handler=Xlsx", "Pekerjaan 'astronot' tidak dikenal")]
    [InlineData("/t/kendal/asn?roster=pensiun", "Status roster 'pensiun' tidak dikenal")]
    [InlineData("/t/kendal/asn?opd=0196f000-0000-7000-8000-000000000000&handler=Xlsx", "Unit kerja itu tidak ada di kabupaten ini")]
    public async Task TellTheAdminWhichFilterCannotBeRead(string path, string message)
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/kendal", "admin.kendal");

        var response = await admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAMalformedUnitWithoutAServerError()
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/kendal", "admin.kendal");

        var response = await admin.GetAsync("/t/kendal/asn?opd=bukan-guid");

        Assert.True((int)response.StatusCode < 500, $"{response.StatusCode}");
    }

    [Theory]
    [InlineData("/t/garut/pekerja")]
    [InlineData("/t/garut/pekerja?handler=Xlsx")]
    [InlineData("/t/garut/asn?handler=Xlsx")]
    public async Task KeepTheListsFromAnAsn(string path)
    {
        var asn = app.CreateBrowserlessClient();
        await asn.SignInOrFailAsync("/t/garut", "asn.garut");

        var response = await asn.GetAsync(path);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await app.InTenantAsync("garut", (db, _) => db.AuditEvents.CountAsync(e => e.Action == AuditActions.PersonalDataExport)));
    }

    [Fact]
    public async Task LogEachDownloadAsAPersonalDataExport()
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync("/t/pasaman-barat", "admin.pasaman-barat");

        var workers = await admin.GetAsync("/t/pasaman-barat/pekerja?handler=Xlsx");
        var asn = await admin.GetAsync("/t/pasaman-barat/asn?handler=Xlsx&roster=semua");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workers.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, asn.StatusCode);
        var logged = await app.InTenantAsync("pasaman-barat", (db, _) => db.AuditEvents.Where(e => e.Action == AuditActions.PersonalDataExport).Select(e => e.Detail!).ToListAsync());
        Assert.Contains(logged, d => d.StartsWith("daftar pekerja (XLSX): 0 pekerja", StringComparison.Ordinal));
        Assert.Contains(logged, d => d.StartsWith("daftar ASN (XLSX):", StringComparison.Ordinal) && d.Contains("filter: semua", StringComparison.Ordinal));
    }
}
