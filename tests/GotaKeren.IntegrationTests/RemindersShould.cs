using GotaKeren.Testing;
using GotaKeren.Web.Compliance;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests;

/// <summary>Sukoharjo's letter: registration until 31 January 2026, reminders 7, 3 and 1 day before.</summary>
public sealed class RemindersShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Slug = "sukoharjo";

    [Fact]
    public async Task EmailOnlyTheAsnNotYetCompliantOnTheDaysTheLetterNamesAndNeverTwice()
    {
        await app.InTenantAsync(Slug, async (db, _) =>
        {
            var now = DateTimeOffset.UtcNow;
            var unit = new OpdUnit { Id = Guid.CreateVersion7(), Name = "Dinas Pengingat", NameKey = "dinas pengingat", CreatedAt = now };
            db.OpdUnits.Add(unit);
            Asn Person(string nip, string name, string? email) => new() { Id = Guid.CreateVersion7(), Nip = nip, Name = name, Category = AsnCategory.Pns, OpdId = unit.Id, Email = email, UpdatedAt = now };
            var done = Person("198001012005011001", "Sudah Patuh", "patuh@sukoharjokab.go.id");
            db.Asn.AddRange(done, Person("198001012005011002", "Belum Patuh", "belum@sukoharjokab.go.id"), Person("198001012005011003", "Tanpa Email", null));
            var worker = new Worker
            {
                Id = Guid.CreateVersion7(), Nik = "3311011205800099", FullName = "Pekerja", NameKey = "pekerja", BirthDate = new DateOnly(1980, 5, 12), Sex = Sex.Male,
                OccupationCode = "petani", VillageCode = "33.11.01.2001", DeclaredIncome = 1_000_000, CreatedAt = now, CreatedBy = "uji",
            };
            db.Workers.Add(worker);
            db.Sponsorships.Add(new Sponsorship { Id = Guid.CreateVersion7(), WorkerId = worker.Id, AsnId = done.Id, Channel = PaymentChannel.AsnDirect, Status = SponsorshipStatus.Active, CreatedAt = now, CreatedBy = "uji" });
            await db.SaveChangesAsync();
        });

        var sixDaysBefore = await SendAsync(new DateOnly(2026, 1, 25));
        Assert.Equal(0, sixDaysBefore.Sent);
        Assert.DoesNotContain(app.Mail.Messages, m => m.Data.Contains("Pengingat", StringComparison.Ordinal));

        var sevenDaysBefore = await SendAsync(new DateOnly(2026, 1, 24));
        Assert.Equal((7, 1), (sevenDaysBefore.DaysBefore, sevenDaysBefore.Sent));
        var message = Assert.Single(app.Mail.Messages, m => m.Data.Contains("Pengingat", StringComparison.Ordinal));
        Assert.Equal(["belum@sukoharjokab.go.id"], message.To);
        Assert.Contains("31 Januari 2026", message.Data, StringComparison.Ordinal);
        Assert.Contains("/t/sukoharjo/perlindungan", message.Data, StringComparison.Ordinal);

        // The hourly job runs again the same day: nothing new.
        Assert.Equal(0, (await SendAsync(new DateOnly(2026, 1, 24))).Sent);
        Assert.Single(app.Mail.Messages, m => m.Data.Contains("Pengingat", StringComparison.Ordinal));

        Assert.Equal((3, 1), ((await SendAsync(new DateOnly(2026, 1, 28))) is var three ? (three.DaysBefore, three.Sent) : default));
    }

    private Task<ComplianceReminders.Result> SendAsync(DateOnly today) =>
        app.InTenantAsync(Slug, (_, sp) => sp.GetRequiredService<ComplianceReminders>().SendDueAsync(today, "https://gotakeren.test/t/sukoharjo", CancellationToken.None));
}
