using System.Net;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Privacy;
using GotaKeren.Web.Rules;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.PersonalData;

/// <summary>An ASN's and a company contact's own requests (UU 27/2022): correction through the rules their data came in by, deletion down to what proves payments.</summary>
public sealed class AsnAndCompanyContactShould(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly OfficerDesk desk = new(app);

    [Fact]
    public async Task CorrectAnAsnOnlyThroughTheRosterChecks()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var asn = await NewAsnAsync(slug);
        var admin = await desk.AdminAsync(slug);
        var id = await desk.RecordAsync(admin, slug, LookSubjects.Asn, asn.Nip, DataRequestKind.Correction, asn.Id);
        var fix = new Dictionary<string, string> { ["Fix.FullName"] = "Dra. Sri Lestari", ["Fix.Nik"] = asn.Nik, ["Fix.Email"] = "sri@@dinas", ["Fix.Phone"] = asn.Phone };

        var refused = await OfficerDesk.PostAsync(admin, slug, id, "Correct", fix);
        var unchanged = await app.InTenantAsync(slug, (db, _) => db.Asn.AsNoTracking().SingleAsync(a => a.Id == asn.Id));
        fix["Fix.Email"] = "sri.lestari@kendalkab.go.id";
        fix["Fix.Phone"] = "0812 3456 7001";
        var accepted = await OfficerDesk.PostAsync(admin, slug, id, "Correct", fix);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Alamat e-mail 'sri@@dinas' tidak sah", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal((asn.Name, asn.Email), (unchanged.Name, unchanged.Email));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var corrected = await app.InTenantAsync(slug, (db, _) => db.Asn.AsNoTracking().SingleAsync(a => a.Id == asn.Id));
        Assert.Equal(("Dra. Sri Lestari", "sri.lestari@kendalkab.go.id", "+6281234567001", asn.Nip), (corrected.Name, corrected.Email, corrected.Phone, corrected.Nip));
    }

    [Fact]
    public async Task CorrectACompanyContactOnlyThroughTheRegistrationChecks()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var company = await NewCompanyAsync(slug);
        var admin = await desk.AdminAsync(slug);
        var id = await desk.RecordAsync(admin, slug, LookSubjects.CompanyContact, company.Npwp, DataRequestKind.Correction, company.Id);
        var fix = new Dictionary<string, string> { ["Fix.FullName"] = "Bambang Wijaya", ["Fix.Email"] = "bambang@pt-contoh.co.id", ["Fix.Phone"] = "12" };

        var refused = await OfficerDesk.PostAsync(admin, slug, id, "Correct", fix);
        var unchanged = await app.InTenantAsync(slug, (db, _) => db.Companies.AsNoTracking().Where(c => c.Id == company.Id).Select(c => c.ContactName).SingleAsync());
        fix["Fix.Phone"] = "081298760001";
        var accepted = await OfficerDesk.PostAsync(admin, slug, id, "Correct", fix);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("HP", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(company.ContactName, unchanged);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var corrected = await app.InTenantAsync(slug, (db, _) => db.Companies.AsNoTracking().SingleAsync(c => c.Id == company.Id));
        Assert.Equal(("Bambang Wijaya", "bambang@pt-contoh.co.id", "+6281298760001"), (corrected.ContactName, corrected.ContactEmail, corrected.ContactPhone));
    }

    [Fact]
    public async Task DeleteAnAsnLeavingNothingButWhatProvesPayments()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var asn = await NewAsnAsync(slug, withAccount: true);
        var seeded = await new MoneySeed(app).SeedAsync(slug, 1, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth, asnId: asn.Id);
        var admin = await desk.AdminAsync(slug);
        // The name lands in the activity log as an export's filter, and in the person's own words.
        await admin.GetAsync($"/t/{slug}/asn?handler=Xlsx&q={Uri.EscapeDataString(asn.Name)}");
        var id = await desk.RecordAsync(admin, slug, LookSubjects.Asn, asn.Nip, DataRequestKind.Deletion, asn.Id);
        await app.InTenantAsync(slug, (db, _) => db.DataRequests.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Details, $"Hapus data {asn.Name}, {asn.Email}")));
        Assert.NotEmpty(await desk.TextColumnsHoldingAsync(asn.Name, asn.Email));

        var erase = await OfficerDesk.PostAsync(admin, slug, id, "Erase");

        Assert.Equal(HttpStatusCode.Redirect, erase.StatusCode);
        Assert.Empty(await desk.TextColumnsHoldingAsync(asn.Name, asn.Nik, asn.Email, asn.Phone));
        var (row, account, sponsorships, request) = await app.InTenantAsync(slug, async (db, _) => (
            await db.Asn.AsNoTracking().SingleAsync(a => a.Id == asn.Id),
            await db.Users.AsNoTracking().SingleAsync(u => u.Id == asn.UserId),
            await db.Sponsorships.AsNoTracking().CountAsync(s => s.AsnId == asn.Id),
            await db.DataRequests.AsNoTracking().SingleAsync(r => r.Id == id)));
        // Kept, as the README says: the NIP the salary was deducted under, the unit and rank, the sponsorships given.
        Assert.Equal((asn.Nip, "III/a", false, Erased.Name), (row.Nip, row.Rank, row.Active, row.Name));
        Assert.Equal(seeded.Sponsorships.Count, sponsorships);
        Assert.Null(account.PasswordHash);
        Assert.True(account.LockoutEnd > DateTimeOffset.UtcNow.AddYears(100));
        Assert.Equal((DataRequestStatus.Done, (string?)null), (request.Status, request.Details));
        Assert.Contains("NIP", request.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteACompanyContactLeavingTheCompanyAndNothingOfThePerson()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var company = await NewCompanyAsync(slug, withAccount: true);
        var admin = await desk.AdminAsync(slug);
        var id = await desk.RecordAsync(admin, slug, LookSubjects.CompanyContact, company.Npwp, DataRequestKind.Deletion, company.Id);
        await app.InTenantAsync(slug, (db, _) => db.DataRequests.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Details, $"Saya {company.ContactName} sudah keluar")));

        var erase = await OfficerDesk.PostAsync(admin, slug, id, "Erase");

        Assert.Equal(HttpStatusCode.Redirect, erase.StatusCode);
        Assert.Empty(await desk.TextColumnsHoldingAsync(company.ContactName, company.ContactEmail, company.ContactPhone));
        var (name, sponsorships, account) = await app.InTenantAsync(slug, async (db, _) => (
            await db.Companies.AsNoTracking().Where(c => c.Id == company.Id).Select(c => c.Name).SingleAsync(),
            await db.Sponsorships.AsNoTracking().CountAsync(s => s.CompanyId == company.Id),
            await db.Users.AsNoTracking().SingleAsync(u => u.CompanyId == company.Id)));
        Assert.Equal((company.Name, 2), (name, sponsorships));
        Assert.Null(account.PasswordHash);
    }

    private sealed record NewAsn(Guid Id, string Nip, string Nik, string Name, string Email, string Phone, Guid? UserId);

    private sealed record NewCompany(Guid Id, string Npwp, string Name, string ContactName, string ContactEmail, string ContactPhone);

    private async Task<NewAsn> NewAsnAsync(string slug, bool withAccount = false)
    {
        var tenant = await app.TenantAsync(slug);
        var serial = Random.Shared.Next(100, 999);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var nip = $"19800101200501{(serial % 2) + 1}{serial}";
        var nik = $"{tenant.RegionCode.Replace(".", "", StringComparison.Ordinal)}01120580{Random.Shared.Next(9000, 9999)}";
        var (name, email, phone) = ($"Sri Lestari {tag}", $"sri.{tag}@contoh.id", $"+628123{Random.Shared.Next(100000, 999999)}");
        return await app.InTenantAsync(slug, async (db, sp) =>
        {
            var unit = new OpdUnit { Id = Guid.CreateVersion7(), Name = $"Dinas {tag}", NameKey = $"dinas {tag}", CreatedAt = DateTimeOffset.UtcNow };
            db.OpdUnits.Add(unit);
            Guid? userId = null;
            if (withAccount)
            {
                var user = new AppUser { UserName = nip, FullName = name, Email = email, PhoneNumber = phone };
                Assert.True((await sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, "Sandi#Uji2026")).Succeeded);
                userId = user.Id;
            }

            var asn = new Asn { Id = Guid.CreateVersion7(), Nip = nip, Nik = nik, Name = name, Category = AsnCategory.Pns, OpdId = unit.Id, Email = email, Phone = phone, Rank = "III/a", Position = $"Analis {tag}", UserId = userId, UpdatedAt = DateTimeOffset.UtcNow };
            db.Asn.Add(asn);
            await db.SaveChangesAsync();
            return new NewAsn(asn.Id, nip, nik, name, email, phone, userId);
        });
    }

    private async Task<NewCompany> NewCompanyAsync(string slug, bool withAccount = false)
    {
        var (companyId, _) = await new MoneySeed(app).CompanyAsync(slug, 2, MoneySeed.ThisMonth);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (name, email, phone) = ($"Hendra Gunawan {tag}", $"hendra.{tag}@pt-contoh.co.id", $"+628129{Random.Shared.Next(100000, 999999)}");
        return await app.InTenantAsync(slug, async (db, sp) =>
        {
            await db.Companies.Where(c => c.Id == companyId).ExecuteUpdateAsync(u => u.SetProperty(c => c.ContactName, name).SetProperty(c => c.ContactEmail, email).SetProperty(c => c.ContactPhone, phone));
            if (withAccount)
            {
                var user = new AppUser { UserName = $"csr.{tag}", FullName = name, Email = email, CompanyId = companyId };
                Assert.True((await sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, "Sandi#Uji2026")).Succeeded);
            }

            var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId);
            return new NewCompany(companyId, company.Npwp, company.Name, name, email, phone);
        });
    }
}
