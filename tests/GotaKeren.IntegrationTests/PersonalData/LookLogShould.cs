using System.Net;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests.PersonalData;

/// <summary>UU PDP accountability: each kind of look at a person's data is written with who, when, what and why, and read back per person and per user.</summary>
public sealed class LookLogShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Slug = "kendal";

    [Fact]
    public async Task RecordOpeningAWorkerUnmaskingTheNikAndDownloadingTheConsentScan()
    {
        var seeded = await new MoneySeed(app).SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: null);
        var (workerId, nik, consentId) = await app.InTenantAsync(Slug, async (db, _) =>
        {
            var worker = await db.Sponsorships.Where(s => s.Id == seeded.Sponsorships[0]).Select(s => s.WorkerId).SingleAsync();
            var consent = await db.Consents.Where(c => c.WorkerId == worker).Select(c => new { c.Id, c.Worker!.Nik }).SingleAsync();
            return (worker, consent.Nik, consent.Id);
        });
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync($"/t/{Slug}", $"admin.{Slug}");

        var withoutReason = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{Slug}/pekerja/{workerId}"));
        Assert.Contains("Alasan membuka data", withoutReason, StringComparison.Ordinal);
        Assert.DoesNotContain("Penghasilan", withoutReason, StringComparison.Ordinal);
        Assert.Empty(await LooksAsync(workerId));

        var details = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{Slug}/pekerja/{workerId}?alasan=Menjawab+permintaan+pekerja"));
        Assert.Contains("Penghasilan", details, StringComparison.Ordinal);
        Assert.DoesNotContain(nik, details, StringComparison.Ordinal);

        var unmasked = await admin.PostFormAsync($"/t/{Slug}/pekerja/{workerId}?alasan=Menjawab+permintaan+pekerja",
            new Dictionary<string, string> { ["alasan"] = "Memeriksa pendaftaran BPJS" }, $"/t/{Slug}/pekerja/{workerId}?handler=Unmask");
        Assert.Contains(nik, await unmasked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var scan = await admin.GetAsync($"/t/{Slug}/pekerja/{workerId}?handler=Scan&consent={consentId}&alasan=Menindaklanjuti+pengaduan");
        Assert.Equal("application/pdf", scan.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", await scan.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var looks = await LooksAsync(workerId);
        Assert.Equal(
            [
                (AuditActions.ViewDetails, "Menjawab permintaan pekerja"),
                (AuditActions.ViewDetails, "Menjawab permintaan pekerja"),
                (AuditActions.UnmaskNik, "Memeriksa pendaftaran BPJS"),
                (AuditActions.ConsentScanDownload, "Menindaklanjuti pengaduan"),
            ],
            looks.Select(l => (l.Action, l.Reason!)));
        Assert.All(looks, l => Assert.Equal((LookSubjects.Worker, $"admin.{Slug}"), (l.SubjectKind!, l.UserName)));
        // The log names its subject by id: it must not become a second copy of the NIK.
        Assert.All(looks, l => Assert.DoesNotContain(nik, l.Detail ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecordOpeningAnAsnAndUnmaskingTheirNik()
    {
        var seeded = await new MoneySeed(app).SeedAsync(Slug, 0, PaymentChannel.AsnDirect, activeFrom: null);
        const string nik = "3324015505800003";
        await app.InTenantAsync(Slug, (db, _) => db.Asn.Where(a => a.Id == seeded.AsnId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Nik, nik)));
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync($"/t/{Slug}", $"admin.{Slug}");

        var details = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{Slug}/asn/{seeded.AsnId}?alasan=Memeriksa+kewajiban"));
        var unmasked = await admin.PostFormAsync($"/t/{Slug}/asn/{seeded.AsnId}?alasan=Memeriksa+kewajiban",
            new Dictionary<string, string> { ["alasan"] = "Memperbaiki data ASN" }, $"/t/{Slug}/asn/{seeded.AsnId}?handler=Unmask");

        Assert.DoesNotContain(nik, details, StringComparison.Ordinal);
        Assert.Contains(nik, await unmasked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The form post reads the page first, as a browser would: a second opening.
        Assert.Equal([(AuditActions.ViewDetails, LookSubjects.Asn, "Memeriksa kewajiban"), (AuditActions.ViewDetails, LookSubjects.Asn, "Memeriksa kewajiban"), (AuditActions.UnmaskNik, LookSubjects.Asn, "Memperbaiki data ASN")],
            (await LooksAsync(seeded.AsnId)).Select(l => (l.Action, l.SubjectKind!, l.Reason!)));
    }

    [Fact]
    public async Task RefuseAReasonThatSaysNothingAndRecordNothing()
    {
        var seeded = await new MoneySeed(app).SeedAsync(Slug, 0, PaymentChannel.AsnDirect, activeFrom: null);
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync($"/t/{Slug}", $"admin.{Slug}");

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{Slug}/asn/{seeded.AsnId}?alasan=-"));

        Assert.Contains("Alasan terlalu pendek", page, StringComparison.Ordinal);
        Assert.Empty(await LooksAsync(seeded.AsnId));
    }

    [Fact]
    public async Task ShowTheAdminTheLooksPerPersonAndPerUserAndKeepItFromAnAsn()
    {
        var seeded = await new MoneySeed(app).SeedAsync(Slug, 1, PaymentChannel.AsnDirect, activeFrom: null);
        var workerId = await app.InTenantAsync(Slug, (db, _) => db.Sponsorships.Where(s => s.Id == seeded.Sponsorships[0]).Select(s => s.WorkerId).SingleAsync());
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync($"/t/{Slug}", $"admin.{Slug}");
        await admin.GetStringAsync($"/t/{Slug}/pekerja/{workerId}?alasan=Alasan+khusus+{workerId:N}");
        await admin.GetAsync($"/t/{Slug}/pekerja?handler=Xlsx&q={Uri.EscapeDataString(seeded.WorkerNames[0])}");

        var perPerson = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{Slug}/jejak-akses?orang={workerId}"));
        var perUser = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{Slug}/jejak-akses?pengguna=admin.{Slug}"));
        var asn = app.CreateBrowserlessClient();
        await asn.SignInOrFailAsync($"/t/{Slug}", $"asn.{Slug}");

        Assert.Contains(seeded.WorkerNames[0], perPerson, StringComparison.Ordinal);
        Assert.Contains($"Alasan khusus {workerId:N}", perPerson, StringComparison.Ordinal);
        // The opened details and the list that held the worker.
        Assert.Contains("2 catatan", perPerson, StringComparison.Ordinal);
        Assert.Contains("Ekspor data pribadi", perPerson, StringComparison.Ordinal);
        Assert.Contains($"Alasan khusus {workerId:N}", perUser, StringComparison.Ordinal);
        Assert.Contains("Ekspor data pribadi", perUser, StringComparison.Ordinal);
        Assert.Contains("banyak orang", perUser, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await asn.GetAsync($"/t/{Slug}/jejak-akses?orang={workerId}")).StatusCode);
    }

    private Task<List<AuditEvent>> LooksAsync(Guid subject) =>
        app.InTenantAsync(Slug, (db, _) => db.AuditEvents.AsNoTracking().Where(e => e.SubjectId == subject).OrderBy(e => e.Id).ToListAsync());
}
