using System.Net;
using GotaKeren.Testing;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests.PersonalData;

/// <summary>Restriction of processing (UU 27/2022): granted on a request, enforced on exports and edits, lifted by the officer.</summary>
public sealed class RestrictionShould(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly OfficerDesk desk = new(app);

    [Fact]
    public async Task KeepARestrictedWorkerOutOfExportsAndEditsUntilTheOfficerLiftsIt()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var workers = await desk.WorkersAsync(slug, 2);
        var (subject, other) = (workers[0], workers[1]);
        var admin = await desk.AdminAsync(slug);
        var restriction = await desk.RecordAsync(admin, slug, LookSubjects.Worker, subject.Nik, DataRequestKind.Restriction, subject.WorkerId);
        var registration = $"/t/{slug}/bpjs?handler=Registration";
        var workerList = $"/t/{slug}/pekerja?handler=Xlsx";
        Assert.Contains(subject.Nik, await OfficerDesk.NiksInAsync(admin, registration));

        var restricted = await OfficerDesk.PostAsync(admin, slug, restriction, "Restrict");

        Assert.Equal(HttpStatusCode.Redirect, restricted.StatusCode);
        var (registered, listed) = (await OfficerDesk.NiksInAsync(admin, registration), await OfficerDesk.NiksInAsync(admin, workerList));
        Assert.DoesNotContain(subject.Nik, registered);
        Assert.DoesNotContain(subject.Nik, listed);
        Assert.Contains(other.Nik, registered);
        Assert.Contains(other.Nik, listed);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/pekerja/{subject.WorkerId}?alasan=Memeriksa+pembatasan"));
        Assert.Contains("data-testid=\"restricted\">Dibatasi<", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Dibatasi", WebUtility.HtmlDecode(await admin.GetStringAsync($"/t/{slug}/pekerja/{other.WorkerId}?alasan=Memeriksa+pembatasan")), StringComparison.Ordinal);

        var correction = await desk.RecordAsync(admin, slug, LookSubjects.Worker, subject.Nik, DataRequestKind.Correction, subject.WorkerId);
        var fix = new Dictionary<string, string>
        {
            ["Fix.FullName"] = "Nama Baru Sekali", ["Fix.OccupationCode"] = "petani", ["Fix.VillageCode"] = subject.VillageCode, ["Fix.DeclaredIncome"] = "1.000.000",
        };
        var refused = await OfficerDesk.PostAsync(admin, slug, correction, "Correct", fix);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("sedang dibatasi atas permintaan pemilik data", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(subject.Name, await app.InTenantAsync(slug, (db, _) => db.Workers.Where(w => w.Id == subject.WorkerId).Select(w => w.FullName).SingleAsync()));

        var lifted = await OfficerDesk.PostAsync(admin, slug, restriction, "Lift");

        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.Contains(subject.Nik, await OfficerDesk.NiksInAsync(admin, registration));
        Assert.Contains(subject.Nik, await OfficerDesk.NiksInAsync(admin, workerList));
        Assert.Equal(HttpStatusCode.Redirect, (await OfficerDesk.PostAsync(admin, slug, correction, "Correct", fix)).StatusCode);
        var (name, outcome) = await app.InTenantAsync(slug, async (db, _) => (
            await db.Workers.Where(w => w.Id == subject.WorkerId).Select(w => w.FullName).SingleAsync(),
            await db.DataRequests.Where(r => r.Id == restriction).Select(r => r.Outcome).SingleAsync()));
        Assert.Equal("Nama Baru Sekali", name);
        Assert.Contains("Pembatasan dicabut", outcome, StringComparison.Ordinal);
    }
}
