using System.Net;
using System.Security.Cryptography;
using System.Text;
using GotaKeren.Testing;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Privacy;
using GotaKeren.Web.Protection;
using Microsoft.EntityFrameworkCore;
using static GotaKeren.IntegrationTests.Parallel.TwentyAtOnce;

namespace GotaKeren.IntegrationTests.Parallel;

/// <summary>A data request's answers (correct, erase, withdraw, restrict, lift, close) and the public page's code, twenty at once: one effect each.</summary>
public sealed class ParallelPrivacyPagesShould(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task CorrectAWorkerAndCloseTheRequestOnceWhenTwentyCorrectionsArriveAtOnce()
    {
        var (regency, admin, workerId, requestId) = await RequestAsync(DataRequestKind.Correction);
        var worker = await regency.InAsync((db, _) => db.Workers.AsNoTracking().SingleAsync(w => w.Id == workerId));

        var answers = await PostAsync(regency, admin, requestId, "Correct",
            ("Fix.FullName", "Sumiyati Diperbaiki"), ("Fix.OccupationCode", worker.OccupationCode), ("Fix.VillageCode", worker.VillageCode),
            ("Fix.Address", worker.Address ?? "Dusun Krajan RT 01"), ("Fix.Phone", worker.Phone ?? "081234567890"), ("Fix.DeclaredIncome", worker.DeclaredIncome.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        await AssertCleanAsync(answers);
        // A click that reads the request after another closed it is told so; the others saw the same values saved.
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.All(await TextsAsync(answers.Where(a => a.StatusCode != HttpStatusCode.Redirect)), t => Assert.Contains("hanya untuk permintaan perbaikan data yang masih terbuka", t, StringComparison.Ordinal));
        Assert.Equal("Sumiyati Diperbaiki", await regency.InAsync((db, _) => db.Workers.Where(w => w.Id == workerId).Select(w => w.FullName).SingleAsync()));
        await AssertClosedOnceAsync(regency, requestId, DataRequestStatus.Done);
    }

    [Fact]
    public async Task EraseAWorkerOnceWhenTwentyErasuresArriveAtOnce()
    {
        var (regency, admin, workerId, requestId) = await RequestAsync(DataRequestKind.Deletion);

        var answers = await PostAsync(regency, admin, requestId, "Erase");

        await AssertCleanAsync(answers);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.StartsWith(Erased.NikPrefix, await regency.InAsync((db, _) => db.Workers.Where(w => w.Id == workerId).Select(w => w.Nik).SingleAsync()), StringComparison.Ordinal);
        await AssertClosedOnceAsync(regency, requestId, DataRequestStatus.Done);
    }

    [Fact]
    public async Task WithdrawAConsentOnceWhenTwentyWithdrawalsArriveAtOnce()
    {
        var (regency, admin, workerId, requestId) = await RequestAsync(DataRequestKind.ConsentWithdrawal);

        var answers = await PostAsync(regency, admin, requestId, "Withdraw");

        await AssertCleanAsync(answers);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, await regency.InAsync((db, _) => db.Consents.CountAsync(c => c.WorkerId == workerId && c.WithdrawnAt != null)));
        Assert.All(await regency.InAsync((db, _) => db.Sponsorships.Where(s => s.WorkerId == workerId).Select(s => s.Status).ToListAsync()), s => Assert.Equal(SponsorshipStatus.Ended, s));
        await AssertClosedOnceAsync(regency, requestId, DataRequestStatus.Done);
    }

    [Fact]
    public async Task CloseARequestOnceWhenTwentyClosingsArriveAtOnce()
    {
        var (regency, admin, _, requestId) = await RequestAsync(DataRequestKind.Access);

        var answers = await PostAsync(regency, admin, requestId, "Close", ("Outcome", "Salinan data diserahkan kepada pemohon"), ("refuse", "false"));

        await AssertCleanAsync(answers);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.All(await TextsAsync(answers.Where(a => a.StatusCode != HttpStatusCode.Redirect)), t => Assert.Contains("Permintaan ini sudah ditutup.", t, StringComparison.Ordinal));
        await AssertClosedOnceAsync(regency, requestId, DataRequestStatus.Done);
    }

    [Fact]
    public async Task RestrictAWorkerOnceWhenTwentyRestrictionsArriveAtOnce()
    {
        var (regency, admin, workerId, requestId) = await RequestAsync(DataRequestKind.Restriction);

        var answers = await PostAsync(regency, admin, requestId, "Restrict");

        await AssertCleanAsync(answers);
        Assert.Equal(requestId, await regency.InAsync((db, _) => db.Workers.Where(w => w.Id == workerId).Select(w => w.RestrictedByRequestId).SingleAsync()));
        await AssertClosedOnceAsync(regency, requestId, DataRequestStatus.Done);
    }

    [Fact]
    public async Task LiftARestrictionOnceWhenTwentyLiftsArriveAtOnce()
    {
        var (regency, admin, workerId, requestId) = await RequestAsync(DataRequestKind.Restriction);
        await regency.InAsync(async (db, _) =>
        {
            await db.Workers.Where(w => w.Id == workerId).ExecuteUpdateAsync(u => u.SetProperty(w => w.RestrictedAt, DateTimeOffset.UtcNow).SetProperty(w => w.RestrictedByRequestId, requestId));
            return await db.DataRequests.Where(r => r.Id == requestId).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, DataRequestStatus.Done).SetProperty(r => r.ClosedAt, DateTimeOffset.UtcNow).SetProperty(r => r.ClosedBy, "uji").SetProperty(r => r.Outcome, "Pemrosesan data dibatasi."));
        });

        var answers = await PostAsync(regency, admin, requestId, "Lift");

        await AssertCleanAsync(answers);
        Assert.Null(await regency.InAsync((db, _) => db.Workers.Where(w => w.Id == workerId).Select(w => w.RestrictedAt).SingleAsync()));
        var outcome = await regency.InAsync((db, _) => db.DataRequests.Where(r => r.Id == requestId).Select(r => r.Outcome!).SingleAsync());
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(outcome, "Pembatasan dicabut"));
    }

    [Fact]
    public async Task RecordAPublicRequestOnceWhenTwentyConfirmationsOfOneCodeArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var workerId = await WorkerAsync(regency);
        var ticket = Guid.CreateVersion7();
        await regency.InAsync(async (db, _) =>
        {
            db.DataRequestCodes.Add(new DataRequestCode
            {
                Id = ticket, SubjectKind = LookSubjects.Worker, SubjectId = workerId, Kind = DataRequestKind.Access, SentTo = "HP ****7890",
                CodeHash = Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes("482913"))), SentAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow + DataRequestCode.Lifetime,
            });
            return await db.SaveChangesAsync();
        });
        var client = app.CreateBrowserlessClient();
        var path = $"/t/{regency.Slug}/hak-data";
        var token = await OwnRegency.TokenOfAsync(client, path);

        var answers = await SendAsync(_ => client.PostAsync($"{path}?handler=Confirm&tiket={ticket}", Form(token, ("Code", "482913"))));

        await AssertCleanAsync(answers);
        Assert.Equal(1, await regency.InAsync((db, _) => db.DataRequests.CountAsync(r => r.SubjectId == workerId)));
    }

    private async Task<(OwnRegency Regency, HttpClient Admin, Guid WorkerId, Guid RequestId)> RequestAsync(DataRequestKind kind)
    {
        var regency = await OwnRegency.NewAsync(app);
        var workerId = await WorkerAsync(regency);
        var requestId = Guid.CreateVersion7();
        await regency.InAsync(async (db, _) =>
        {
            var now = DateTimeOffset.UtcNow;
            await DataRequests.AddAsync(db, new DataRequest
            {
                Id = requestId, SubjectKind = LookSubjects.Worker, SubjectId = workerId, Kind = kind, IdentityCheck = "KTP asli diperlihatkan",
                ReceivedAt = now, DueAt = now + DataRequest.AnswerWithin, RecordedBy = "uji", Status = DataRequestStatus.Open,
            }, CancellationToken.None);
            return true;
        });
        return (regency, await regency.AdminBrowserAsync(), workerId, requestId);
    }

    private async Task<Guid> WorkerAsync(OwnRegency regency)
    {
        var seeded = await new Contributions.MoneySeed(app).SeedAsync(regency.Slug, 1, Web.Rules.PaymentChannel.AsnDirect, activeFrom: Contributions.MoneySeed.ThisMonth);
        return await regency.InAsync((db, _) => db.Sponsorships.Where(s => s.Id == seeded.Sponsorships[0]).Select(s => s.WorkerId).SingleAsync());
    }

    private static async Task<HttpResponseMessage[]> PostAsync(OwnRegency regency, HttpClient admin, Guid requestId, string handler, params (string Name, string Value)[] fields)
    {
        var path = $"/t/{regency.Slug}/permintaan-data/{requestId}";
        var token = await OwnRegency.TokenOfAsync(admin, path);
        return await SendAsync(_ => admin.PostAsync($"{path}?handler={handler}", Form(token, fields)));
    }

    private static async Task AssertClosedOnceAsync(OwnRegency regency, Guid requestId, DataRequestStatus status)
    {
        var request = await regency.InAsync((db, _) => db.DataRequests.AsNoTracking().SingleAsync(r => r.Id == requestId));
        Assert.Equal(status, request.Status);
        Assert.NotNull(request.ClosedAt);
        Assert.Equal(1, await regency.InAsync((db, _) => db.DataRequests.CountAsync()));
    }
}
