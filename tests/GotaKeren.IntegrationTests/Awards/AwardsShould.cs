using System.Net;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Awards;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Picture;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.Awards;

/// <summary>Rankings on hand-built data, certificates with a code the verification page knows, and each regency's awards its own.</summary>
public sealed class AwardsShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Password = "Sandi#Uji2026";
    private static readonly DateOnly Month = new(2024, 1, 1);
    private readonly MoneySeed money = new(app);

    [Fact]
    public async Task RankUnitsByParticipationAndCompaniesByTheWorkersTheyProtect()
    {
        var slug = await NewRegencyAsync();
        await UnitsAsync(slug);
        var (small, _) = await money.CompanyAsync(slug, 3, MoneySeed.ThisMonth);
        var (large, _) = await money.CompanyAsync(slug, 5, MoneySeed.ThisMonth);

        var (opds, companies) = await app.InTenantAsync(slug, async (_, sp) =>
        {
            var rankings = sp.GetRequiredService<Rankings>();
            return (await rankings.OpdsAsync((await rankings.LastMonthAsync(default))!.Value, default), await rankings.CompaniesAsync(default));
        });

        // 100% first; two at 90% by the ASN taking part, then by name; the unit with no obliged ASN last.
        Assert.Equal(["Dinas Kecil", "Badan Besar", "Dinas Sedang A", "Dinas Sedang B", "Sekretariat Tanpa Wajib"], opds.Select(o => o.Name));
        Assert.Equal([1, 2, 3, 4, 5], opds.Select(o => o.Rank));
        Assert.Equal([100m, 90m, 90m, 90m, null], opds.Select(o => o.Percent));
        Assert.Equal([(large, 5), (small, 3)], companies.Select(c => (c.CompanyId, c.WorkersProtected)));

        var page = WebUtility.HtmlDecode(await (await AdminAsync(slug)).GetStringAsync($"/t/{slug}/penghargaan"));
        Assert.True(page.IndexOf("Dinas Kecil", StringComparison.Ordinal) < page.IndexOf("Badan Besar", StringComparison.Ordinal));
        Assert.Contains("Januari 2024", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"text-end\">90%</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintACertificateForAUnitACompanyAndAMoverThatTheQrPageVerifies()
    {
        var slug = await NewRegencyAsync();
        await UnitsAsync(slug);
        var (company, _) = await money.CompanyAsync(slug, 5, MoneySeed.ThisMonth);
        var admin = await AdminAsync(slug);
        var recorded = await admin.PostFormAsync($"/t/{slug}/penghargaan/penggerak", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Village", ["Input.Name"] = "Desa Sukamaju", ["Input.Place"] = "Kecamatan Kaliwungu",
            ["Input.Deeds"] = "Membayar iuran 120 petani dari dana desa", ["Input.Year"] = "2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var mover = await app.InTenantAsync(slug, (db, _) => db.Movers.SingleAsync());
        var opd = await app.InTenantAsync(slug, (db, _) => db.UnitMonths.Where(u => u.OpdName == "Dinas Kecil").Select(u => u.OpdId).SingleAsync());

        var opdText = await CertificateTextAsync(admin, slug, $"OpdCertificate&id={opd}", AwardCertificates.OpdKind, opd);
        var companyText = await CertificateTextAsync(admin, slug, $"CompanyCertificate&id={company}", AwardCertificates.CompanyKind, company);
        var moverText = await CertificateTextAsync(admin, slug, $"MoverCertificate&id={mover.Id}", AwardCertificates.MoverKind, mover.Id);

        Assert.Contains("Dinas Kecil", opdText, StringComparison.Ordinal);
        Assert.Contains("100% ASN ikut melindungi pekerja rentan (4 dari 4 ASN wajib), peringkat 1 dari 5 OPD, Januari 2024", opdText, StringComparison.Ordinal);
        Assert.Contains("melindungi 5 (lima) pekerja rentan, peringkat 1 dari 1 perusahaan", companyText, StringComparison.Ordinal);
        Assert.Contains("Desa Sukamaju", moverText, StringComparison.Ordinal);
        Assert.Contains("Desa Penggerak Perlindungan Pekerja Rentan 2026", moverText, StringComparison.Ordinal);
        Assert.Contains("Membayar iuran 120 petani dari dana desa", moverText, StringComparison.Ordinal);
        Assert.Contains("BUPATI KENDAL", moverText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAnotherRegencysIdsWithNotFound()
    {
        var owner = await NewRegencyAsync();
        var other = await NewRegencyAsync();
        await UnitsAsync(owner);
        await UnitsAsync(other);
        var (company, _) = await money.CompanyAsync(owner, 2, MoneySeed.ThisMonth);
        var opd = await app.InTenantAsync(owner, (db, _) => db.UnitMonths.Select(u => u.OpdId).FirstAsync());
        var mover = await app.InTenantAsync(owner, async (db, _) =>
        {
            var m = new Mover { Id = Guid.CreateVersion7(), Kind = MoverKind.Person, Name = "Pak Slamet", Deeds = "Mendata 40 nelayan", Year = 2026, CreatedBy = "uji" };
            db.Movers.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var stranger = await AdminAsync(other);

        foreach (var handler in new[] { $"OpdCertificate&id={opd}", $"CompanyCertificate&id={company}", $"MoverCertificate&id={mover}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/t/{other}/penghargaan?handler={handler}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/t/{other}/penghargaan/penggerak/{mover}")).StatusCode);
        var deleted = await stranger.PostFormAsync($"/t/{other}/penghargaan", new Dictionary<string, string>(), $"/t/{other}/penghargaan?handler=DeleteMover&id={mover}");
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        var edited = await stranger.PostFormAsync($"/t/{other}/penghargaan/penggerak", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Person", ["Input.Name"] = "Diubah", ["Input.Deeds"] = "Diubah", ["Input.Year"] = "2026",
        }, $"/t/{other}/penghargaan/penggerak/{mover}");
        Assert.Equal(HttpStatusCode.NotFound, edited.StatusCode);
        Assert.Equal("Pak Slamet", await app.InTenantAsync(owner, (db, _) => db.Movers.Select(m => m.Name).SingleAsync()));
        Assert.DoesNotContain("Pak Slamet", await stranger.GetStringAsync($"/t/{other}/penghargaan"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseABadMoverByFieldAndKeepTheRegentToReading()
    {
        var slug = await NewRegencyAsync();
        var admin = await AdminAsync(slug);

        var bad = await admin.PostFormAsync($"/t/{slug}/penghargaan/penggerak", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Person", ["Input.Name"] = " ", ["Input.Deeds"] = "", ["Input.Year"] = "1800",
        });

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Nama penggerak wajib diisi.", html, StringComparison.Ordinal);
        Assert.Contains("Yang dilakukan wajib diisi", html, StringComparison.Ordinal);
        Assert.Contains("Tahun penghargaan harus antara 2000 dan 2100.", html, StringComparison.Ordinal);
        Assert.False(await app.InTenantAsync(slug, (db, _) => db.Movers.AnyAsync()));

        var regent = await UserAsync(slug, "bupati", Roles.Regent);
        Assert.Equal(HttpStatusCode.OK, (await regent.GetAsync($"/t/{slug}/penghargaan")).StatusCode);
        var refused = await regent.GetAsync($"/t/{slug}/penghargaan/penggerak");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("akses-ditolak", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private async Task<string> CertificateTextAsync(HttpClient admin, string slug, string handler, string kind, Guid subject)
    {
        var response = await admin.GetAsync($"/t/{slug}/penghargaan?handler={handler}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = await PdfText.ExtractAsync(pdf);
        Assert.Contains("PIAGAM PENGHARGAAN", text, StringComparison.Ordinal);
        Assert.True(await PdfQrCodes.HasQrCodeAsync(pdf), $"The {kind} certificate shows no scannable QR code.");
        var code = await app.InTenantAsync(slug, (db, _) => db.IssuedDocuments.Where(d => d.Kind == kind && d.SubjectId == subject).Select(d => d.Code).SingleAsync());
        Assert.Contains(code, text.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var verification = WebUtility.HtmlDecode(await app.CreateBrowserlessClient().GetStringAsync($"/t/{slug}/verifikasi/{code}"));
        Assert.Contains("Dokumen ini asli.", verification, StringComparison.Ordinal);
        Assert.Contains("Piagam penghargaan:", verification, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync($"/t/kendal/verifikasi/{code}")).StatusCode);
        return System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
    }

    /// <summary>Five units in the unit rollup of January 2024, as the refresh would have written them.</summary>
    private Task UnitsAsync(string slug) => app.InTenantAsync(slug, async (db, _) =>
    {
        var now = DateTimeOffset.UtcNow;
        UnitMonth Unit(string name, int obliged, int participating) => new()
        {
            Month = Month, OpdId = Guid.CreateVersion7(), OpdName = name, AsnActive = obliged + 2, AsnObliged = obliged, AsnParticipating = participating,
            AsnCompliant = participating, WorkersProtected = participating, RefreshedAt = now,
        };
        db.UnitMonths.AddRange(
            Unit("Dinas Sedang B", 10, 9), Unit("Sekretariat Tanpa Wajib", 0, 0), Unit("Badan Besar", 20, 18), Unit("Dinas Kecil", 4, 4), Unit("Dinas Sedang A", 10, 9));
        await db.SaveChangesAsync();
    });

    private Task<HttpClient> AdminAsync(string slug) => UserAsync(slug, "admin", Roles.RegencyAdmin);

    private async Task<HttpClient> UserAsync(string slug, string prefix, string role)
    {
        var userName = $"{prefix}.{slug}";
        await app.InTenantAsync(slug, async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(userName) is null)
            {
                var user = new AppUser { UserName = userName, FullName = userName };
                Assert.True((await users.CreateAsync(user, Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
        });
        var client = app.CreateBrowserlessClient();
        await client.SignInOrFailAsync($"/t/{slug}", userName, Password);
        return client;
    }

    /// <summary>A regency of the test's own, from Kendal's file (its rules sign the certificates).</summary>
    private Task<string> NewRegencyAsync() => app.NewRegencyAsync("kendal");
}
