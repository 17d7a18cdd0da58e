using System.Net;
using System.Text.Json;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Privacy;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.IntegrationTests.PersonalData;

/// <summary>The app on a clock the test moves: real time plus an offset, so a request's 3x24 hours pass in a test.</summary>
public sealed class ClockedAppFixture : AppFixture
{
    public MovableClock Clock { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class MovableClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

/// <summary>A data subject's requests (UU 27/2022): the 3x24-hour clock, access, correction, deletion.</summary>
public sealed class DataRequestsShould(ClockedAppFixture app) : IClassFixture<ClockedAppFixture>
{
    private const string Slug = "kendal";

    [Fact]
    public async Task ShowTheClockAndWarnADayBeforeItRunsOut()
    {
        var subject = await NewWorkerAsync(Slug);
        var admin = await AdminAsync(Slug);
        var id = await RecordAsync(admin, Slug, subject.Nik, DataRequestKind.Restriction, "Mohon data saya tidak dipakai untuk laporan.");

        var fresh = await ClockTextAsync(admin, Slug, id);
        app.Clock.Advance(TimeSpan.FromHours(50));
        var soon = await ClockTextAsync(await AdminAsync(Slug), Slug, id);
        app.Clock.Advance(TimeSpan.FromHours(23));
        var late = await ClockTextAsync(await AdminAsync(Slug), Slug, id);

        Assert.Contains("sisa 71 jam", fresh, StringComparison.Ordinal);
        Assert.DoesNotContain("Segera", fresh, StringComparison.Ordinal);
        Assert.Contains("Segera, sisa 21 jam", soon, StringComparison.Ordinal);
        Assert.Contains("Terlambat, lewat 1 jam", late, StringComparison.Ordinal);
        var request = await app.InTenantAsync(Slug, (db, _) => db.DataRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(TimeSpan.FromHours(72), request.DueAt - request.ReceivedAt);
        (request.Status, request.ClosedAt) = (DataRequestStatus.Done, request.DueAt);
        Assert.Equal(ClockState.AnsweredInTime, request.ClockOn(request.DueAt.AddDays(9)));
        request.ClosedAt = request.DueAt.AddMinutes(1);
        Assert.Equal(ClockState.AnsweredLate, request.ClockOn(request.DueAt.AddDays(9)));
    }

    [Fact]
    public async Task GiveAnAccessExportWithEverythingOfThePersonAndNothingOfAnotherPersonOrRegency()
    {
        var subject = await NewWorkerAsync(Slug, phone: "081234567890", address: "Jl. Melati 7");
        var neighbour = await NewWorkerAsync(Slug, asnId: subject.AsnId);
        var elsewhere = await NewWorkerAsync("garut");
        var admin = await AdminAsync(Slug);
        await admin.GetStringAsync($"/t/{Slug}/pekerja/{subject.WorkerId}?alasan=Periksa-BPJS-{subject.Serial}");
        await admin.GetStringAsync($"/t/{Slug}/pekerja/{neighbour.WorkerId}?alasan=Alasan+tetangga+{neighbour.Serial}");
        var id = await RecordAsync(admin, Slug, subject.Nik, DataRequestKind.Access, null);

        var json = await admin.GetStringAsync($"/t/{Slug}/permintaan-data/{id}?handler=Json");
        var pdf = await PdfText.ExtractAsync(await admin.GetByteArrayAsync($"/t/{Slug}/permintaan-data/{id}?handler=Pdf"));
        var document = JsonDocument.Parse(json).RootElement;

        var identity = document.GetProperty("identity")[0];
        Assert.Equal((subject.Nik, subject.Name, "081234567890", "Jl. Melati 7"),
            (identity.GetProperty("nik").GetString(), identity.GetProperty("fullName").GetString(), identity.GetProperty("phone").GetString(), identity.GetProperty("address").GetString()));
        Assert.Equal("%PDF-1.4 uji", System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(document.GetProperty("consents")[0].GetProperty("scanBase64").GetString()!)));
        Assert.Equal(1, document.GetProperty("sponsorships").GetArrayLength());
        Assert.Contains(document.GetProperty("looks").EnumerateArray(), l => l.GetProperty("reason").GetString() == $"Periksa-BPJS-{subject.Serial}");
        Assert.Equal(1, document.GetProperty("requests").GetArrayLength());
        foreach (var text in new[] { json, pdf })
        {
            Assert.Contains(subject.Name, text, StringComparison.Ordinal);
            Assert.Contains($"Periksa-BPJS-{subject.Serial}", text, StringComparison.Ordinal);
            Assert.DoesNotContain(neighbour.Name, text, StringComparison.Ordinal);
            Assert.DoesNotContain(neighbour.Nik, text, StringComparison.Ordinal);
            Assert.DoesNotContain($"Alasan tetangga {neighbour.Serial}", text, StringComparison.Ordinal);
            Assert.DoesNotContain(elsewhere.Name, text, StringComparison.Ordinal);
            // The sponsor is another person: the export names their unit, not them.
            Assert.DoesNotContain(subject.AsnName, text, StringComparison.Ordinal);
        }

        Assert.True(pdf.Contains(subject.Nik, StringComparison.Ordinal), pdf);
        // Handing the export over is itself a look at the person's data.
        Assert.Equal(2, await app.InTenantAsync(Slug, (db, _) => db.AuditEvents.CountAsync(e => e.SubjectId == subject.WorkerId && e.Action == Web.Audit.AuditActions.PersonalDataExport)));
    }

    [Fact]
    public async Task DeleteAWorkerLeavingNoTraceOutsideWhatIsKept()
    {
        var subject = await NewWorkerAsync(Slug, phone: "081298765432", address: "Jl. Kenanga 3", active: true);
        await new MoneySeed(app).RunAsync(Slug, MoneySeed.ThisMonth);
        var admin = await AdminAsync(Slug);
        // The name lands in the activity log as an export's filter, and in a request's own words.
        await admin.GetAsync($"/t/{Slug}/pekerja?handler=Xlsx&q={Uri.EscapeDataString(subject.Name)}");
        var id = await RecordAsync(admin, Slug, subject.Nik, DataRequestKind.Deletion, $"Hapus data {subject.Name} NIK {subject.Nik}");
        var duesBefore = await app.InTenantAsync(Slug, (db, _) => db.Dues.Where(d => d.Sponsorship!.WorkerId == subject.WorkerId).Select(d => new { d.Month, d.Amount }).ToListAsync());

        var erase = await admin.PostFormAsync($"/t/{Slug}/permintaan-data/{id}", new Dictionary<string, string>(), $"/t/{Slug}/permintaan-data/{id}?handler=Erase");

        Assert.Equal(HttpStatusCode.Redirect, erase.StatusCode);
        Assert.Empty(await new OfficerDesk(app).TextColumnsHoldingAsync(subject.Name, subject.Nik, "081298765432", "Jl. Kenanga 3"));
        var (worker, sponsorship, consents, request) = await app.InTenantAsync(Slug, async (db, _) => (
            await db.Workers.AsNoTracking().SingleAsync(w => w.Id == subject.WorkerId),
            await db.Sponsorships.AsNoTracking().SingleAsync(s => s.WorkerId == subject.WorkerId),
            await db.Consents.AsNoTracking().Where(c => c.WorkerId == subject.WorkerId).ToListAsync(),
            await db.DataRequests.AsNoTracking().SingleAsync(r => r.Id == id)));
        Assert.Equal((Erased.Name, (string?)null, (string?)null, 0L), (worker.FullName, worker.Phone, worker.Address, worker.DeclaredIncome));
        Assert.Equal(SponsorshipStatus.Ended, sponsorship.Status);
        Assert.All(consents, c => Assert.Empty(c.Evidence));
        Assert.Equal((DataRequestStatus.Done, (string?)null), (request.Status, request.Details));
        // What proves payments stays: the months billed, their amounts.
        Assert.Equal(duesBefore.Count, await app.InTenantAsync(Slug, (db, _) => db.Dues.CountAsync(d => d.Sponsorship!.WorkerId == subject.WorkerId)));
        Assert.NotEmpty(duesBefore);
        // The NIK is free again: another regency can protect this person.
        var hash = app.Services.GetRequiredService<NikHasher>().Hash(subject.Nik);
        Assert.False(await app.InTenantAsync(Slug, (db, _) => db.ProtectedNiks.AnyAsync(p => p.NikHash == hash)));
    }

    [Fact]
    public async Task CorrectAWorkerOnlyThroughTheRegistrationChecks()
    {
        var subject = await NewWorkerAsync(Slug);
        var admin = await AdminAsync(Slug);
        var id = await RecordAsync(admin, Slug, subject.Nik, DataRequestKind.Correction, "Nama saya salah eja.");
        var fields = new Dictionary<string, string>
        {
            ["Fix.FullName"] = "Sutarni Rahayu", ["Fix.OccupationCode"] = "petani", ["Fix.VillageCode"] = subject.VillageCode, ["Fix.Phone"] = "12", ["Fix.DeclaredIncome"] = "1.000.000",
        };

        var refused = await admin.PostFormAsync($"/t/{Slug}/permintaan-data/{id}", fields, $"/t/{Slug}/permintaan-data/{id}?handler=Correct");
        var unchanged = await app.InTenantAsync(Slug, (db, _) => db.Workers.AsNoTracking().Where(w => w.Id == subject.WorkerId).Select(w => w.FullName).SingleAsync());
        fields["Fix.Phone"] = "081234500011";
        var accepted = await admin.PostFormAsync($"/t/{Slug}/permintaan-data/{id}", fields, $"/t/{Slug}/permintaan-data/{id}?handler=Correct");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("HP", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(subject.Name, unchanged);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var (name, phone, status) = await app.InTenantAsync(Slug, async (db, _) => (
            await db.Workers.AsNoTracking().Where(w => w.Id == subject.WorkerId).Select(w => w.FullName).SingleAsync(),
            await db.Workers.AsNoTracking().Where(w => w.Id == subject.WorkerId).Select(w => w.Phone).SingleAsync(),
            await db.DataRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(("Sutarni Rahayu", "+6281234500011", DataRequestStatus.Done), (name, phone, status));
    }

    [Fact]
    public async Task RefuseAnUnknownSubjectInWords()
    {
        var admin = await AdminAsync(Slug);

        var response = await admin.PostFormAsync($"/t/{Slug}/permintaan-data", new Dictionary<string, string>
        {
            ["Input.SubjectKind"] = "worker", ["Input.Identifier"] = "3324019999999999", ["Input.Kind"] = "Access", ["Input.IdentityCheck"] = "KTP asli diperlihatkan",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tidak ada pekerja dengan nomor '3324019999999999'", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordARequestFromThePublicPageOnceTheCodeSentToThePhoneIsTypedBack()
    {
        var phone = $"0812{Random.Shared.Next(10_000_000, 99_999_999)}";
        var subject = await NewWorkerAsync(Slug, phone: phone);
        var visitor = app.CreateBrowserlessClient();

        var sent = await visitor.PostFormAsync($"/t/{Slug}/hak-data", new Dictionary<string, string>
        {
            ["Input.SubjectKind"] = "worker", ["Input.Identifier"] = subject.Nik, ["Input.Kind"] = "Access", ["Input.Details"] = "Saya ingin tahu data saya.",
        }, $"/t/{Slug}/hak-data?handler=Send");
        var next = sent.Headers.Location!.OriginalString;
        var code = System.Text.RegularExpressions.Regex.Match((await app.Sms.WaitForAsync(phone)).Message, "[0-9]{6}").Value;
        var wrong = await visitor.PostFormAsync(next, new Dictionary<string, string> { ["Code"] = code == "000000" ? "111111" : "000000" }, next + "&handler=Confirm");
        var confirmed = await visitor.PostFormAsync(next, new Dictionary<string, string> { ["Code"] = code }, next + "&handler=Confirm");
        var again = await visitor.PostFormAsync(next, new Dictionary<string, string> { ["Code"] = code }, next + "&handler=Confirm");

        Assert.Contains("Kode salah. Sisa 4 kali", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("tercatat", WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("sudah tidak berlaku", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var requests = await app.InTenantAsync(Slug, (db, _) => db.DataRequests.AsNoTracking().Where(r => r.SubjectId == subject.WorkerId).ToListAsync());
        var request = Assert.Single(requests);
        Assert.Equal((DataRequestKind.Access, "halaman publik", "Saya ingin tahu data saya.", TimeSpan.FromHours(72)),
            (request.Kind, request.RecordedBy, request.Details, request.DueAt - request.ReceivedAt));
        Assert.Contains($"HP ****{phone[^4..]}", request.IdentityCheck, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAnUnknownNikOnThePublicPageWithTheSameWordsAndSendNothing()
    {
        var visitor = app.CreateBrowserlessClient();
        var before = app.Sms.Messages.Count;

        var sent = await visitor.PostFormAsync($"/t/{Slug}/hak-data", new Dictionary<string, string>
        {
            ["Input.SubjectKind"] = "worker", ["Input.Identifier"] = "3324019999999998", ["Input.Kind"] = "Deletion",
        }, $"/t/{Slug}/hak-data?handler=Send");
        var next = sent.Headers.Location!.OriginalString;
        var page = WebUtility.HtmlDecode(await visitor.GetStringAsync(next));
        var confirm = await visitor.PostFormAsync(next, new Dictionary<string, string> { ["Code"] = "123456" }, next + "&handler=Confirm");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("Bila nomor Anda terdaftar", page, StringComparison.Ordinal);
        Assert.Equal(before, app.Sms.Messages.Count);
        Assert.Contains("Kode salah atau sudah tidak berlaku", WebUtility.HtmlDecode(await confirm.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    private sealed record Subject(Guid WorkerId, string Nik, string Name, string VillageCode, Guid AsnId, string AsnName, string Serial);

    private async Task<Subject> NewWorkerAsync(string slug, Guid? asnId = null, string? phone = null, string? address = null, bool active = false)
    {
        var seeded = await new MoneySeed(app).SeedAsync(slug, 1, PaymentChannel.AsnDirect, activeFrom: active ? MoneySeed.ThisMonth : null, asnId: asnId);
        var serial = Guid.NewGuid().ToString("N")[..8];
        return await app.InTenantAsync(slug, async (db, _) =>
        {
            var workerId = await db.Sponsorships.Where(s => s.Id == seeded.Sponsorships[0]).Select(s => s.WorkerId).SingleAsync();
            var name = $"Sutarni {serial}";
            await db.Workers.Where(w => w.Id == workerId).ExecuteUpdateAsync(u => u.SetProperty(w => w.FullName, name).SetProperty(w => w.NameKey, name.ToLowerInvariant())
                .SetProperty(w => w.Phone, phone).SetProperty(w => w.Address, address));
            var worker = await db.Workers.AsNoTracking().SingleAsync(w => w.Id == workerId);
            var asnName = await db.Asn.Where(a => a.Id == seeded.AsnId).Select(a => a.Name).SingleAsync();
            return new Subject(workerId, worker.Nik, name, worker.VillageCode, seeded.AsnId, asnName, serial);
        });
    }

    private async Task<HttpClient> AdminAsync(string slug)
    {
        var admin = app.CreateBrowserlessClient();
        await admin.SignInOrFailAsync($"/t/{slug}", $"admin.{slug}");
        return admin;
    }

    private async Task<Guid> RecordAsync(HttpClient admin, string slug, string nik, DataRequestKind kind, string? details)
    {
        var response = await admin.PostFormAsync($"/t/{slug}/permintaan-data", new Dictionary<string, string>
        {
            ["Input.SubjectKind"] = "worker", ["Input.Identifier"] = nik, ["Input.Kind"] = kind.ToString(), ["Input.IdentityCheck"] = "KTP asli diperlihatkan di kantor",
            ["Input.Details"] = details ?? "",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.InTenantAsync(slug, async (db, _) =>
        {
            var workerId = await db.Workers.Where(w => w.Nik == nik).Select(w => w.Id).SingleAsync();
            return await db.DataRequests.Where(r => r.SubjectId == workerId).OrderByDescending(r => r.Number).Select(r => r.Id).FirstAsync();
        });
    }

    private static async Task<string> ClockTextAsync(HttpClient admin, string slug, Guid id)
    {
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/permintaan-data"));
        var row = page[page.IndexOf(id.ToString(), StringComparison.Ordinal)..];
        var clock = row[row.IndexOf("data-testid=\"clock\"", StringComparison.Ordinal)..];
        return clock[..clock.IndexOf("</td>", StringComparison.Ordinal)];
    }
}
