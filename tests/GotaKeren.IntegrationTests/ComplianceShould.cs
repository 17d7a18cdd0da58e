using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GotaKeren.Testing;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;

namespace GotaKeren.IntegrationTests;

/// <summary>Compliance counts on hand-built data in Pasaman Barat (every ASN must protect one worker).</summary>
public sealed class ComplianceShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Slug = "pasaman-barat";

    [Fact]
    public async Task CountOnlyActiveProtectionAgainstWhatEachAsnAndOpdMust()
    {
        var (unitA, unitB) = await BuildAsync();
        var admin = await ClientAsync("admin.pasaman-barat");

        var units = await admin.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/compliance/opd");

        var a = units.EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == unitA);
        // a1 two active (counts once), a2 a draft, a3 nothing, a4 inactive (not counted), a5 one ended and one active.
        Assert.Equal((4, 4, 2, 1, 4, 2), Numbers(a));
        Assert.Equal(50m, a.GetProperty("percent").GetDecimal());
        var b = units.EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == unitB);
        // b1 only a lapsed one: not registered again.
        Assert.Equal((1, 1, 0, 1, 1, 0), Numbers(b));

        var a2 = await admin.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/compliance/asn/{Nip(2)}");
        Assert.Equal((1, 0, 1, false), (a2.GetProperty("required").GetInt32(), a2.GetProperty("protected").GetInt32(), a2.GetProperty("pending").GetInt32(), a2.GetProperty("compliant").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/t/{Slug}/api/v1/compliance/asn/{Nip(99)}")).StatusCode);

        // The admin's page shows the same figures, and the unit's people with the missing ones first.
        var page = await admin.GetStringAsync($"/t/{Slug}/kepatuhan?opd={unitA}");
        Assert.Contains("Belum mendaftarkan pekerja", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("Asn Tiga", StringComparison.Ordinal) < page.IndexOf("Asn Satu", StringComparison.Ordinal));
        Assert.DoesNotContain("Asn Empat", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepComplianceToTheRegencyAndToThoseWhoMaySeeIt()
    {
        await BuildAsync();
        var garut = await ClientAsync("admin.garut", "garut");
        var units = await garut.GetFromJsonAsync<JsonElement>("/t/garut/api/v1/compliance/opd");
        Assert.DoesNotContain(units.EnumerateArray(), u => u.GetProperty("name").GetString()!.StartsWith("Dinas Uji", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await garut.GetAsync($"/t/garut/api/v1/compliance/asn/{Nip(1)}")).StatusCode);

        // An ASN sees their own line only.
        var asn = await ClientAsync("asn.pasaman-barat");
        Assert.Equal(HttpStatusCode.Forbidden, (await asn.GetAsync($"/t/{Slug}/api/v1/compliance/opd")).StatusCode);
        // Not allowed looks like unknown: the endpoint does not tell which NIPs exist.
        Assert.Equal(HttpStatusCode.NotFound, (await asn.GetAsync($"/t/{Slug}/api/v1/compliance/asn/{Nip(1)}")).StatusCode);
    }

    [Fact]
    public async Task ShowAnOpdAdminTheirOwnUnitOnly()
    {
        var (unitA, unitB) = await BuildAsync();
        await app.InTenantAsync(Slug, async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync("adminopd.uji") is null)
            {
                var user = new AppUser { UserName = "adminopd.uji", FullName = "Admin OPD Uji", OpdId = unitA, EmailConfirmed = true };
                Assert.True((await users.CreateAsync(user, AppFixture.DemoPassword)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Roles.OpdAdmin)).Succeeded);
            }
        });
        var opdAdmin = await ClientAsync("adminopd.uji");

        var units = await opdAdmin.GetFromJsonAsync<JsonElement>($"/t/{Slug}/api/v1/compliance/opd");
        Assert.Equal([unitA], units.EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).ToArray());
        var page = await opdAdmin.GetStringAsync($"/t/{Slug}/kepatuhan?opd={unitB}");
        Assert.Contains("Asn Tiga", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Asn Enam", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await opdAdmin.GetAsync($"/t/{Slug}/api/v1/compliance/asn/{Nip(3)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await opdAdmin.GetAsync($"/t/{Slug}/api/v1/compliance/asn/{Nip(6)}")).StatusCode);
    }

    private static (int, int, int, int, int, int) Numbers(JsonElement unit) => (
        unit.GetProperty("activeAsn").GetInt32(), unit.GetProperty("obligedAsn").GetInt32(), unit.GetProperty("compliantAsn").GetInt32(),
        unit.GetProperty("notRegisteredAsn").GetInt32(), unit.GetProperty("requiredWorkers").GetInt32(), unit.GetProperty("protectedWorkers").GetInt32());

    private static string Nip(int n) => $"1980051220100110{n:00}";

    private Task<(Guid A, Guid B)> BuildAsync() => app.InTenantAsync(Slug, async (db, _) =>
    {
        if (db.OpdUnits.FirstOrDefault(o => o.NameKey == "dinas uji a") is { } existingA)
        {
            return (existingA.Id, db.OpdUnits.First(o => o.NameKey == "dinas uji b").Id);
        }

        var now = DateTimeOffset.UtcNow;
        OpdUnit Unit(string name) => new() { Id = Guid.CreateVersion7(), Name = name, NameKey = name.ToLowerInvariant(), CreatedAt = now };
        var a = Unit("Dinas Uji A");
        var b = Unit("Dinas Uji B");
        db.OpdUnits.AddRange(a, b);
        Asn Person(int n, string name, OpdUnit unit, bool active = true) => new()
        {
            Id = Guid.CreateVersion7(), Nip = Nip(n), Name = name, Category = AsnCategory.Pns, OpdId = unit.Id, Active = active, UpdatedAt = now,
        };
        var a1 = Person(1, "Asn Satu", a);
        var a2 = Person(2, "Asn Dua", a);
        var a3 = Person(3, "Asn Tiga", a);
        var a4 = Person(4, "Asn Empat", a, active: false);
        var a5 = Person(5, "Asn Lima", a);
        var b1 = Person(6, "Asn Enam", b);
        db.Asn.AddRange(a1, a2, a3, a4, a5, b1);
        var serial = 0;
        void Sponsor(Asn asn, SponsorshipStatus status)
        {
            serial++;
            var worker = new Worker
            {
                Id = Guid.CreateVersion7(), Nik = $"131201120580{serial:0000}", FullName = $"Pekerja {serial}", NameKey = $"pekerja {serial}",
                BirthDate = new DateOnly(1980, 5, 12), Sex = Sex.Male, OccupationCode = "petani", VillageCode = "13.12.01.2001",
                DeclaredIncome = 1_000_000, CreatedAt = now, CreatedBy = "uji",
            };
            db.Workers.Add(worker);
            db.Sponsorships.Add(new Sponsorship
            {
                Id = Guid.CreateVersion7(), WorkerId = worker.Id, SponsorType = SponsorType.Asn, AsnId = asn.Id, Channel = PaymentChannel.AsnDirect,
                Status = status, CreatedAt = now, CreatedBy = "uji",
            });
        }

        Sponsor(a1, SponsorshipStatus.Active);
        Sponsor(a1, SponsorshipStatus.Active);
        Sponsor(a2, SponsorshipStatus.Draft);
        Sponsor(a4, SponsorshipStatus.Active);
        Sponsor(a5, SponsorshipStatus.Ended);
        Sponsor(a5, SponsorshipStatus.Active);
        Sponsor(b1, SponsorshipStatus.Lapsed);
        await db.SaveChangesAsync();
        return (a.Id, b.Id);
    });

    private Task<HttpClient> ClientAsync(string userName, string slug = Slug) => app.TokenClientAsync(slug, userName);
}
