using GotaKeren.Testing;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.Contributions;

/// <summary>Each money test's own unit, ASN, workers and sponsorships, written straight to the database of its fixture.</summary>
public sealed class MoneySeed(AppFixture app)
{
    private static int nikSerial;

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    public static DateOnly ThisMonth => MonthlyRun.MonthOf(Today);

    public sealed record Seeded(Guid OpdId, Guid AsnId, string? Email, List<Guid> Sponsorships, List<string> WorkerNames);

    /// <summary>A unit, an ASN (or the one given) and <paramref name="count"/> workers under its sponsorship, active from the start of that month.</summary>
    public async Task<Seeded> SeedAsync(string slug, int count, PaymentChannel channel, DateOnly? activeFrom, string occupation = "petani", string? email = null, Guid? asnId = null, Guid? opdId = null)
    {
        var tenant = await app.TenantAsync(slug);
        return await app.InTenantAsync(slug, async (db, sp) =>
        {
            var now = DateTimeOffset.UtcNow;
            Guid unitId;
            if (asnId is { } given)
            {
                unitId = await db.Asn.Where(a => a.Id == given).Select(a => a.OpdId).SingleAsync();
            }
            else
            {
                if (opdId is { } existing)
                {
                    unitId = existing;
                }
                else
                {
                    var unit = new OpdUnit { Id = Guid.CreateVersion7(), Name = $"Dinas Uji {Guid.NewGuid():N}"[..20], NameKey = $"dinas uji {Guid.NewGuid():N}", CreatedAt = now };
                    db.OpdUnits.Add(unit);
                    unitId = unit.Id;
                }

                var serial = Interlocked.Increment(ref nikSerial);
                var asn = new Asn { Id = Guid.CreateVersion7(), Nip = $"1980010120050{serial % 100000:00000}", Name = $"ASN Uji {serial}", Category = AsnCategory.Pns, OpdId = unitId, Email = email, Rank = "III/a", UpdatedAt = now };
                db.Asn.Add(asn);
                asnId = asn.Id;
            }

            var village = tenant.RegionCode + ".01.2001";
            var ids = new List<Guid>();
            var names = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var serial = Interlocked.Increment(ref nikSerial);
                var worker = new Worker
                {
                    Id = Guid.CreateVersion7(), Nik = $"{tenant.RegionCode.Replace(".", "", StringComparison.Ordinal)}0112058{serial:00000}", FullName = $"Pekerja Uji {serial}", NameKey = $"pekerja uji {serial}",
                    BirthDate = new DateOnly(1980, 5, 12), Sex = Sex.Male, OccupationCode = occupation, VillageCode = village, DeclaredIncome = 1_000_000, CreatedAt = now, CreatedBy = "uji",
                };
                db.Workers.Add(worker);
                var sponsorship = new Sponsorship
                {
                    Id = Guid.CreateVersion7(), WorkerId = worker.Id, SponsorType = SponsorType.Asn, AsnId = asnId, Channel = channel, CreatedAt = now, CreatedBy = "uji",
                    Status = activeFrom is null ? SponsorshipStatus.Draft : SponsorshipStatus.Active,
                    ActivatedAt = activeFrom is { } from ? MonthlyRun.Start(from, TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone)).AddHours(1) : null,
                };
                db.Sponsorships.Add(sponsorship);
                db.ProtectedNiks.Add(new ProtectedNik { NikHash = sp.GetRequiredService<NikHasher>().Hash(worker.Nik), TenantId = tenant.Id, SponsorshipId = sponsorship.Id, ClaimedAt = now });
                // Every sponsorship rests on the worker's own consent.
                db.Consents.Add(new Consent { Id = Guid.CreateVersion7(), WorkerId = worker.Id, Method = ConsentMethod.SignedForm, TextVersion = "uji", EvidenceFileName = "persetujuan.pdf", EvidenceContentType = "application/pdf", Evidence = [.. "%PDF-1.4 uji"u8], GivenAt = now.AddMinutes(1), RecordedBy = "uji" });

                ids.Add(sponsorship.Id);
                names.Add(worker.FullName);
            }

            await db.SaveChangesAsync();
            return new Seeded(unitId, asnId!.Value, email, ids, names);
        });
    }

    public Task RunAsync(string slug, params DateOnly[] months) =>
        app.InTenantAsync(slug, async (_, sp) =>
        {
            foreach (var month in months)
            {
                await sp.GetRequiredService<MonthlyRun>().RunAsync(month, null, _ => Task.CompletedTask, CancellationToken.None);
            }
        });

    public Task<List<Due>> DuesAsync(string slug, List<Guid> sponsorships) =>
        app.InTenantAsync(slug, (db, _) => db.Dues.AsNoTracking().Where(d => sponsorships.Contains(d.SponsorshipId)).OrderBy(d => d.Month).ToListAsync());

    public Task<ProgrammeRules> RulesAsync(string slug, DateOnly month) =>
        app.InTenantAsync(slug, async (db, _) => (await db.RulesVersions.InForceAsync(month))!.Rules);

    /// <summary>A verified company of the regency protecting <paramref name="count"/> workers (paying online), active from that month.</summary>
    public async Task<(Guid CompanyId, List<Guid> Sponsorships)> CompanyAsync(string slug, int count, DateOnly activeFrom)
    {
        var tenant = await app.TenantAsync(slug);
        return await app.InTenantAsync(slug, async (db, sp) =>
        {
            var now = DateTimeOffset.UtcNow;
            var serial = Interlocked.Increment(ref nikSerial);
            var company = new Web.Companies.Company
            {
                Id = Guid.CreateVersion7(), Name = $"PT Uji {serial}", Npwp = $"01234567890{serial % 100000:00000}", Sector = "Manufaktur", Address = "Jl. Uji",
                Size = CompanySize.Menengah, ContactName = "Petugas", ContactEmail = $"pt{serial}@contoh.id", Status = Web.Companies.CompanyStatus.Verified, CreatedAt = now, CreatedBy = "uji",
            };
            db.Companies.Add(company);
            var ids = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                var n = Interlocked.Increment(ref nikSerial);
                var worker = new Worker
                {
                    Id = Guid.CreateVersion7(), Nik = $"{tenant.RegionCode.Replace(".", "", StringComparison.Ordinal)}0112058{n:00000}", FullName = $"Pekerja PT {n}", NameKey = $"pekerja pt {n}",
                    BirthDate = new DateOnly(1980, 5, 12), Sex = Sex.Male, OccupationCode = "buruh-harian-lepas", VillageCode = tenant.RegionCode + ".01.2001", DeclaredIncome = 1_000_000, CreatedAt = now, CreatedBy = "uji",
                };
                db.Workers.Add(worker);
                var sponsorship = new Sponsorship
                {
                    Id = Guid.CreateVersion7(), WorkerId = worker.Id, SponsorType = SponsorType.Company, CompanyId = company.Id, Channel = PaymentChannel.CompanyOnline,
                    Status = SponsorshipStatus.Active, CreatedAt = now, CreatedBy = "uji", ActivatedAt = MonthlyRun.Start(activeFrom, TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone)).AddHours(1),
                };
                db.Sponsorships.Add(sponsorship);
                db.ProtectedNiks.Add(new ProtectedNik { NikHash = sp.GetRequiredService<NikHasher>().Hash(worker.Nik), TenantId = tenant.Id, SponsorshipId = sponsorship.Id, ClaimedAt = now });
                ids.Add(sponsorship.Id);
            }

            await db.SaveChangesAsync();
            return (company.Id, ids);
        });
    }
}
